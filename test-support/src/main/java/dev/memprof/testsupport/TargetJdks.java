package dev.memprof.testsupport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test run once per JDK memprof must record, given the version ("17", "25") as its first parameter: find that
 * JDK with {@link TargetJdk#home(String)} or {@link TargetJdk#java(String)}. See {@link TargetJdk#versions()}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "JDK {0}")
@MethodSource("dev.memprof.testsupport.TargetJdk#versions")
public @interface TargetJdks {
}
