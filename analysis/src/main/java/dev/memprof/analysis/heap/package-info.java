/**
 * Heap dumps (HPROF): reads one into primitive arrays, computes its dominator tree and retained sizes, and
 * attributes the heap to the application-side classes that own it and to what holds it ({@link
 * dev.memprof.analysis.heap.HeapSnapshot}). Uses only the JDK; nothing else of memprof.
 */
package dev.memprof.analysis.heap;
