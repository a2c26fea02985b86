/**
 * Heap dumps (HPROF): reads one into primitive arrays, computes its dominator tree and retained sizes, and
 * attributes the heap to the application-side classes that own it and to what holds it ({@link
 * dev.memprof.analysis.heap.HeapSnapshot}). Uses only the JDK; nothing else of memprof.
 * <p>
 * Words: <em>dump</em> (the HPROF file); <em>dominator</em> (the object every path from the GC roots to another passes
 * through last); <em>retained</em> (the bytes of an object's dominator subtree); <em>owned</em> (bytes whose nearest
 * application-side dominator is of a class); <em>holder</em> (what outside a class's objects holds them).
 */
package dev.memprof.analysis.heap;
