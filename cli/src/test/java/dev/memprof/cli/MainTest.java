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
    static final List<String> ALL = List.of("ps", "attach", "run", "report", "check", "diff", "demo", "generate-completion");

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
        assertTrue(err.toString().contains("Unmatched argument") && err.toString().contains("did you mean report?"), err.toString());
    }

    @Test
    void aMistypedOptionGetsPicoclisSuggestionInOneLine() {
        StringWriter err = new StringWriter();
        CommandLine report = Main.commandLine("report");
        report.setErr(new PrintWriter(err));
        assertEquals(ExitCode.USAGE, report.execute("report", "x.jfr", "--forse"));
        assertEquals("memprof report: Unknown option: '--forse'; did you mean --format or --force? (see --help)", err.toString().strip());
    }

    /** Picocli wraps what is too long at 80 columns, examples mid-line: so no line is written longer than that. */
    @Test
    void everyHelpFitsEightyColumns() {
        for (String name : ALL) {
            StringWriter out = new StringWriter();
            CommandLine cli = Main.commandLine(name);
            cli.setOut(new PrintWriter(out));
            assertEquals(ExitCode.OK, cli.execute(name, "--help"));
            for (String line : out.toString().lines().toList()) {
                assertTrue(line.length() <= 80, "memprof " + name + " --help, " + line.length() + " columns:\n" + line);
            }
            CommandLine.Model.UsageMessageSpec usage = cli.getSubcommands().get(name).getCommandSpec().usageMessage();
            for (String line : usage.footer()) {
                assertTrue(line.length() <= 80, "memprof " + name + " --help's footer wraps at:\n" + line);
            }
        }
    }
}
