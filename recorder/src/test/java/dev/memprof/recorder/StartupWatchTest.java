package dev.memprof.recorder;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupWatchTest {
    @Test
    void timeRuleFiresAfterTheTimeWhileTheAppRuns() throws Exception {
        Process app = new ProcessBuilder("sleep", "20").start();
        try {
            Instant started = Instant.now();
            StartupWatch watch = new StartupWatch(new StartupRule.AfterTime(Duration.ofMillis(400)));
            watch.watch(app);
            Instant ready = watch.ready().get(10, TimeUnit.SECONDS);
            assertTrue(Duration.between(started, ready).toMillis() >= 400, "fired at " + Duration.between(started, ready));
        } finally {
            app.destroyForcibly();
        }
    }

    @Test
    void logRuleFiresOnTheFirstMatchingLineAndPassesEveryByteOn() throws Exception {
        byte[] output = "starting\nnot yet: Started\nStarted App in 1.2 seconds\nserving\npartial line without newline"
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        StartupWatch watch = new StartupWatch(new StartupRule.LogLine(Pattern.compile("^Started .* in")));
        Thread pump = watch.pump(new ByteArrayInputStream(output), terminal, "test-pump");
        pump.join(5000);
        assertTrue(watch.ready().isDone(), "a line matched");
        assertArrayEquals(output, terminal.toByteArray(), "the app's output reaches the terminal unchanged");

        StartupWatch never = new StartupWatch(new StartupRule.LogLine(Pattern.compile("^ready$")));
        never.pump(new ByteArrayInputStream(output), new ByteArrayOutputStream(), "test-pump").join(5000);
        assertFalse(never.ready().isDone(), "no line matched");
    }

    @Test
    void httpRuleFiresOnTheFirst2xxAnswer() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            int status = requests.incrementAndGet() < 3 ? 503 : 204; // starting, starting, ready
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        Process app = new ProcessBuilder("sleep", "20").start();
        try {
            StartupWatch watch = new StartupWatch(new StartupRule.HttpReady(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health")));
            watch.watch(app);
            watch.ready().get(10, TimeUnit.SECONDS);
            assertEquals(3, requests.get(), "ready at the first 2xx, not before");
        } finally {
            app.destroyForcibly();
            server.stop(0);
        }
    }
}
