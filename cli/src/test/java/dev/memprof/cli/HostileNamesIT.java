package dev.memprof.cli;

import dev.memprof.testsupport.TargetJdk;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memprof.samples.HostileNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.memprof.cli.MemprofProcess.memprof;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names that would drive a terminal (escape sequences) or break JSON (quotes, backslashes, control characters,
 * U+2028): in a recording's thread, class and command line, and in the command lines of other JVMs on the machine.
 * Text shows them without control characters; JSON keeps them exact and valid.
 */
class HostileNamesIT {
    /** Only ASCII here: the command line passes through the platform's encoding; the names carry the rest. */
    static final String OPTION = "-Dnote=\u001b]0;pwned\u0007\u001b[2J \"quoted\" back\\slash";

    @TempDir
    Path dir;

    @Test
    void textStripsControlCharactersAndJsonKeepsNamesExact() throws Exception {
        var run = memprof(dir, "run", "-o", "hostile.jfr", "--", MemprofProcess.java("17"), TargetJdk.C1_ONLY, OPTION, "-cp",
                MemprofProcess.samplesClasses(), HostileNames.class.getName(), "1", "terminal");
        assertEquals(0, run.exitCode(), run.err());

        var text = memprof(dir, "report", "hostile.jfr");
        assertEquals(0, text.exitCode(), text.err());
        assertEquals(List.of(), controlCharacters(text.out().replace("\n", "")), text.out());
        assertTrue(text.out().contains("x.?31mred?0m?c?\"\\"), "the class, shown: " + text.out());
        assertTrue(text.out().contains("-Dnote=?]0;pwned??[2J \"quoted\" back\\slash"), "the command line, shown: " + text.out());

        var json = memprof(dir, "report", "hostile.jfr", "--format", "json", "-o", "hostile.json");
        assertEquals(0, json.exitCode(), json.err());
        String raw = Files.readString(dir.resolve("hostile.json"));
        assertEquals(List.of(), controlCharacters(raw), "control characters are escaped");
        assertFalse(raw.contains("\u2028") || raw.contains("\u2029"), "so are the line separators JavaScript breaks on");
        JsonNode report = new ObjectMapper().readTree(raw);
        assertTrue(strings(report.get("threads")).contains(HostileNames.TERMINAL_THREAD), report.get("threads").toString());
        assertTrue(strings(report.get("objectClasses")).contains(HostileNames.TERMINAL_CLASS + "[]"), report.get("objectClasses").toString());
        assertTrue(strings(report.at("/frames/name")).contains(HostileNames.TERMINAL_CLASS + ".allocate"));
        assertTrue(report.at("/recording/commandLine").asText().contains(OPTION), report.at("/recording/commandLine").asText());
    }

    /** Another JVM's command line (its source file's name, its arguments) reaches ps and attach as text. */
    @Test
    void psAndAttachShowOtherJvmsCommandLinesAsText() throws Exception {
        Path source = Files.writeString(dir.resolve("Evil\u001b[31m.java"), "public class Evil { public static void main(String[] a)"
                + " throws Exception { System.out.println(\"memprof-sample ready\"); Thread.sleep(60_000); } }");
        Process evil = new ProcessBuilder(MemprofProcess.java("17"), source.getFileName().toString(), "\u001b]0;pwned\u0007")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            assertEquals("memprof-sample ready", new BufferedReader(new InputStreamReader(evil.getInputStream(), StandardCharsets.UTF_8)).readLine());
            var ps = memprof(dir, "ps");
            assertEquals(0, ps.exitCode(), ps.err());
            String row = ps.out().lines().filter(line -> line.startsWith(evil.pid() + " ")).findFirst().orElseThrow(() -> new AssertionError(ps.out()));
            assertTrue(row.contains("Evil?[31m.java ") && row.contains(" ?]0;pwned?"), row);
            assertEquals(List.of(), controlCharacters(ps.out().replace("\n", "")), ps.out());

            var attach = memprof(dir, "attach", Long.toString(evil.pid()), "--duration", "500ms", "-o", "evil.jfr");
            assertEquals(0, attach.exitCode(), attach.err());
            assertTrue(attach.out().startsWith("recording pid " + evil.pid() + " (Evil?[31m.java) for 500ms"), attach.out());
            assertEquals(List.of(), controlCharacters(attach.out().replace("\n", "") + attach.err().replace("\n", "")), attach.out());
        } finally {
            evil.destroyForcibly();
            evil.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> controlCharacters(String s) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) found.add(String.format("U+%04X at %d", (int) s.charAt(i), i));
        }
        return found;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(node -> strings.add(node.asText()));
        return strings;
    }
}
