/**
 * Memory limits for JUnit 5 tests: {@link dev.memprof.junit.MaxAllocation} (bytes a test allocates, from the JVM's
 * per-thread counters) and {@link dev.memprof.junit.MaxRetained} (heap a test leaves behind, after full collections),
 * checked by {@link dev.memprof.junit.MemoryLimitsExtension}; when a limit fails, an in-process JFR recording of the
 * test says where. Depends on JUnit's API and the JDK alone, so that nothing else enters a user's test class path.
 */
package dev.memprof.junit;
