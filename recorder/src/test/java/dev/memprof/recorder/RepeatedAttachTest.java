package dev.memprof.recorder;

import dev.memprof.testsupport.TargetJdks;
import dev.memprof.testsupport.TargetJvm;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.memprof.testsupport.TargetJvm.events;
import static dev.memprof.testsupport.TargetJvm.jcmd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attaching 20 times in a row to a JVM serving requests: every request answered right, nothing left behind, no crash. */
class RepeatedAttachTest {
    static final int ATTACHES = 20;

    @TempDir
    Path dir;

    @TargetJdks
    void aServiceKeepsServingWhileMemprofAttachesAgainAndAgain(String jdk) throws Exception {
        try (TargetJvm target = TargetJvm.start(jdk, List.of(), "dev.memprof.samples.HttpService", "300")) {
            Matcher port = Pattern.compile("ready port=(\\d+)").matcher(target.output);
            assertTrue(port.find(), target.output.toString());
            Client client = new Client(Integer.parseInt(port.group(1)));
            client.start();
            long samples = 0;
            try {
                for (int i = 0; i < ATTACHES; i++) {
                    int answeredBefore = client.answered.get();
                    AttachedRecording recording = AttachedRecording.start(JvmProcesses.requireJvm(target.pid()),
                            dir.resolve("attach-" + i + ".jfr"), Duration.ofMillis(500));
                    assertEquals(AttachedRecording.Ending.DURATION, recording.awaitEnd());
                    Path jfr = recording.finish();
                    samples += events(jfr, "jdk.ObjectAllocationSample").size();
                    assertFalse(Files.exists(dir.resolve("attach-" + i + ".jfr.part")));
                    assertTrue(client.answered.get() > answeredBefore, "attach " + i + ": requests were answered meanwhile");
                }
            } finally {
                client.stopSending();
            }
            assertEquals(List.of(), List.copyOf(client.failures), "every request answered, and right");
            assertTrue(client.answered.get() >= ATTACHES, client.answered + " requests");
            assertTrue(samples > 0, "the recordings hold the service's allocations");
            assertTrue(target.process.isAlive(), target.output.toString());
            assertFalse(target.output.toString().contains("A fatal error has been detected"), target.output.toString());
            assertFalse(jcmd(jdk, target.pid(), "JFR.check").contains("memprof"), "no memprof recording left");
            System.out.printf("%s: %d attaches, %d requests answered, the slowest in %d ms%n", jdk, ATTACHES,
                    client.answered.get(), client.slowestMillis);
        }
    }

    /** Sends requests one after another until stopped; counts the right answers, keeps every failure. */
    static final class Client extends Thread {
        final AtomicInteger answered = new AtomicInteger();
        volatile long slowestMillis;
        final Queue<String> failures = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private final int port;

        Client(int port) {
            super("http-client");
            this.port = port;
            setDaemon(true);
        }

        @Override
        public void run() {
            for (int i = 0; running.get(); i++) {
                int n = 1000 + (i % 50) * 1000;
                try {
                    long start = System.nanoTime();
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sum?n=" + n))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                    slowestMillis = Math.max(slowestMillis, (System.nanoTime() - start) / 1_000_000);
                    String expected = "sum=" + (long) n * (n - 1) / 2;
                    if (response.statusCode() == 200 && response.body().equals(expected)) answered.incrementAndGet();
                    else failures.add("request " + i + ": " + response.statusCode() + " " + response.body());
                    Thread.sleep(5);
                } catch (Exception e) {
                    failures.add("request " + i + ": " + e);
                }
            }
        }

        void stopSending() throws InterruptedException {
            running.set(false);
            join(20_000);
        }
    }
}
