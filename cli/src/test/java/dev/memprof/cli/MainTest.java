package dev.memprof.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line builds only the subcommand asked for; help and mistakes still see them all. */
class MainTest {
    static final List<String> ALL = List.of("ps", "attach", "run", "report", "check", "demo", "generate-completion");

    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        assertEquals(List.of("report"), List.copyOf(Main.commandLine("report").getSubcommands().keySet()));
        assertEquals(ALL, List.copyOf(Main.commandLine("--help").getSubcommands().keySet()));
        assertEquals(ALL, List.copyOf(Main.commandLine("").getSubcommands().keySet()));
    }

    @Test
    void helpListsEverySubcommandAndATypoIsAUsageError() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine help = Main.commandLine("--help");
        help.setOut(new PrintWriter(out));
        assertEquals(ExitCode.OK, help.execute("--help"));
        for (String name : ALL) assertTrue(out.toString().contains("  " + name + " "), name + " in:\n" + out);
        CommandLine typo = Main.commandLine("reprot");
        typo.setErr(new PrintWriter(err));
        assertEquals(ExitCode.USAGE, typo.execute("reprot", "x.jfr"));
        assertTrue(err.toString().contains("Unmatched argument"), err.toString());
    }
}
