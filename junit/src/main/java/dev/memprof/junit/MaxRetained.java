package dev.memprof.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fails the test when the heap retained after its body exceeds what was retained before it by more than
 * {@link #value()} bytes: a leak.
 *
 * <p>Retained means live after full collections: before and after the body, {@code System.gc()} runs until two
 * collections in a row leave the same bytes in the heap. Garbage therefore never counts; a JVM started with
 * {@code -XX:+DisableExplicitGC} cannot be measured and the test fails saying so. The heap is shared: under JUnit's
 * parallel execution, run these tests {@code @Isolated}. Limits below 64 KiB are not reliable (see
 * docs/memory-limits-in-tests.md).
 *
 * <p>On failure the message names what holds the retained objects (the static field, or else the GC root on their
 * path) and where they were allocated, from JFR's old-object samples of the test.
 *
 * <p>On a class, it applies to each of its test methods; a method's own annotation wins.
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MemoryLimitsExtension.class)
public @interface MaxRetained {
    /** How much the retained heap may grow: {@code "1 MiB"}; units B, KiB, MiB, GiB, or KB, MB, GB (decimal). */
    String value();

    /**
     * Runs of the test body before the measured one, for caches that fill once: the growth of the measured run alone
     * counts. Warm-up runs reuse the test instance and skip {@code @BeforeEach}/{@code @AfterEach}.
     */
    int warmups() default 0;
}
