package dev.memprof.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fails the test when its body allocates more than {@link #value()} bytes on the Java heap.
 *
 * <p>Measured exactly with the JVM's per-thread allocation counters, around the test method alone (not
 * {@code @BeforeEach}/{@code @AfterEach}): the test's thread, plus the threads that started during the test. Threads that
 * existed before it (a pool created earlier, the common ForkJoinPool's running workers) are not counted. A thread that
 * starts and ends within the test is counted too (JDK 21+, and JDK 17 updates with the JVM-wide total backported: 17.0.15 has it). Under
 * JUnit's parallel execution only the test's own thread is counted, since threads started meanwhile may be another
 * test's. On failure the message names the measured bytes, the limit and the top allocation stacks of the test.
 *
 * <p>On a class, it applies to each of its test methods; a method's own annotation wins.
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MemoryLimitsExtension.class)
public @interface MaxAllocation {
    /** The most the test may allocate: {@code "24 MiB"}; units B, KiB, MiB, GiB, or KB, MB, GB (decimal). */
    String value();
}
