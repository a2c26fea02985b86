/**
 * memprof's agent, loaded into the target JVM (its own small jar, JDK classes only): events JFR does not have
 * ({@code memprof.ClassSource}: where each class came from; {@code memprof.Startup}: startup's end) and, for memprof
 * run, a full GC now and then so the recording holds live-set readings ({@link dev.memprof.agent.LiveSetGc}). It must
 * never harm the target: every failure stays inside the agent.
 */
package dev.memprof.agent;
