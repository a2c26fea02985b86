package dev.memprof.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The script {@code memprof generate-completion} prints, sourced in a real bash and asked as <TAB> asks it. */
class CompletionTest {
    @TempDir
    Path dir;

    @Test
    void completesSubcommandsAndTheirOptions() throws Exception {
        Path script = dir.resolve("memprof-completion.bash");
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine("generate-completion");
        cli.setOut(new PrintWriter(out));
        assertEquals(ExitCode.OK, cli.execute("generate-completion"));
        Files.writeString(script, out.toString());
        assertEquals(List.of("report"), complete(script, "memprof", "re"));
        // --fo is --force or --format (report has both); bash shows both, and completes --form
        assertEquals(List.of("--force", "--format"), complete(script, "memprof", "report", "--fo"));
        assertEquals(List.of("--format"), complete(script, "memprof", "report", "--form"));
        assertEquals(List.of("--normalize"), complete(script, "memprof", "diff", "--no"));
        assertTrue(complete(script, "memprof", "").containsAll(MainTest.ALL), "every subcommand");
    }

    /**
     * COMPREPLY after the completion function ran with {@code words}, the cursor on the last one (its stderr dropped:
     * outside a real completion bash's compopt complains that none is running).
     */
    private static List<String> complete(Path script, String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String word : words) array.append(" '").append(word).append('\'');
        String program = "source '" + script + "'; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; _complete_memprof 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process bash = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(20, TimeUnit.SECONDS), "bash finished");
        assertEquals(0, bash.exitValue(), output);
        return output.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
