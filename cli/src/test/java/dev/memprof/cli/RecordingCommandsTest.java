package dev.memprof.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small rules of ps, attach and run: default names, startup rules, sizes. */
class RecordingCommandsTest {
    @Test
    void runNamesTheRecordingAfterTheMainClassOrJar() {
        assertEquals("Main", RunCommand.mainName(List.of("java", "-Xmx1g", "-cp", "a.jar:b.jar", "com.example.Main", "x")));
        assertEquals("app-1.2", RunCommand.mainName(List.of("/opt/jdk/bin/java", "-jar", "/srv/app-1.2.jar", "--port", "1")));
        assertEquals("Worker", RunCommand.mainName(List.of("java", "--module-path", "mods", "-m", "my.app/com.example.Worker")));
        assertEquals("Hello", RunCommand.mainName(List.of("java", "--source", "17", "Hello.java")));
        assertEquals("run", RunCommand.mainName(List.of("java", "-version")));
    }

    @Test
    void startupRules() {
        StartupOptions options = new StartupOptions();
        assertEquals(null, options.rule(), "none given: reports detect startup's end");
        options.logRegex = "Started .* in";
        assertEquals("log", options.rule().kind());
        options.after = Duration.ofSeconds(20);
        assertEquals("give one of --startup, --ready-when-log, --ready-when-http",
                assertThrows(UserError.class, options::rule).getMessage());
        StartupOptions bad = new StartupOptions();
        bad.logRegex = "([unclosed";
        assertTrue(assertThrows(UserError.class, bad::rule).getMessage().startsWith("--ready-when-log: not a regular expression"));
        bad.logRegex = null;
        bad.url = "localhost:8080/health";
        assertEquals("--ready-when-http: not an http(s) URL: localhost:8080/health", assertThrows(UserError.class, bad::rule).getMessage());
        bad.url = "http://localhost:8080/health";
        assertEquals("http", bad.rule().kind());
    }

    @Test
    void sizes() {
        assertEquals("-", PsCommand.size(-1));
        assertEquals("512 B", PsCommand.size(512));
        assertEquals("123.4 MiB", PsCommand.size((long) (123.4 * 1024 * 1024)));
        assertEquals("2.0 GiB", PsCommand.size(2L << 30));
    }
}
