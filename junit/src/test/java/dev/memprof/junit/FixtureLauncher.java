package dev.memprof.junit;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.Arrays;

/**
 * Runs fixture classes through the JUnit Platform Launcher, as Surefire or Gradle would, and prints one line per test:
 * {@code RESULT <method>[<repetition>] <SUCCESSFUL|FAILED|ABORTED> <millis> <message, newlines as \n>}. MemoryLimitsTest
 * starts it in a JVM of each target JDK.
 */
public final class FixtureLauncher {
    public static void main(String[] classNames) {
        Launcher launcher = LauncherFactory.create();
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(classNames).map(DiscoverySelectors::selectClass).toList()).build();
        launcher.execute(request, new TestExecutionListener() {
            private long started;

            @Override
            public void executionStarted(TestIdentifier test) {
                started = System.nanoTime();
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (!test.isTest()) return;
                String message = result.getThrowable().map(Throwable::toString).orElse("").replace("\n", "\\n");
                String name = "";
                for (UniqueId.Segment segment : test.getUniqueIdObject().getSegments()) {
                    switch (segment.getType()) {
                        case "method", "test-template" -> name = segment.getValue().replace("()", "");
                        case "test-template-invocation" -> name += segment.getValue();
                        default -> { }
                    }
                }
                System.out.printf("RESULT %s %s %.1f %s%n", name, result.getStatus(), (System.nanoTime() - started) / 1e6, message);
            }
        });
    }
}
