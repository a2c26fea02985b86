/**
 * Small apps with a known truth, for tests and the demo: each does one thing memprof must get right (allocation
 * shares, a leak, libraries loaded at startup and rarely used, hostile names, ...) and prints the truth it knows
 * (e.g. its threads' exact allocated bytes) at exit. JDK classes only.
 */
package dev.memprof.samples;
