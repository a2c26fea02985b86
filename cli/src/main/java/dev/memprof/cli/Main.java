package dev.memprof.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** The {@code memprof} command: one class per subcommand, errors as one line with a documented exit code. */
@Command(name = "memprof", mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "A memory profiler for the JVM: record a JVM, then see where its heap goes.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0    success", "  1    the answer is no (check found a regression)",
                "  2    usage error, unreadable input, attach refused",
                "  run exits with the app's exit code; 125 when memprof itself failed"})
public final class Main implements Runnable {
    /** The subcommands by name, in the order help lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("ps", PsCommand::new);
        SUBCOMMANDS.put("attach", AttachCommand::new);
        SUBCOMMANDS.put("run", RunCommand::new);
        SUBCOMMANDS.put("report", ReportCommand::new);
        SUBCOMMANDS.put("check", CheckCommand::new);
        SUBCOMMANDS.put("diff", DiffCommand::new);
        SUBCOMMANDS.put("demo", DemoCommand::new);
        SUBCOMMANDS.put("generate-completion", AutoComplete.GenerateCompletion::new);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    static boolean verbose;

    @CommandLine.Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Print only errors and warnings, not where outputs went.")
    static boolean quiet;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs memprof as the command line would, returning the exit code; tests call this too. */
    public static int execute(String... args) {
        Locale.setDefault(Locale.ROOT);
        CommandLine cli = commandLine(args.length > 0 ? args[0] : "");
        return cli.execute(args);
    }

    /**
     * The command line for arguments that start with {@code first}. Picocli reads each subcommand's annotations when it
     * is added, most of memprof's start-up: only the subcommand named is added, all of them when none is (help, typos)
     * and for generate-completion, whose script completes them all.
     */
    static CommandLine commandLine(String first) {
        CommandLine cli = new CommandLine(new Main());
        SUBCOMMANDS.forEach((name, command) -> {
            boolean all = !SUBCOMMANDS.containsKey(first) || first.equals("generate-completion");
            if (all || name.equals(first)) cli.addSubcommand(name, command.get());
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
                ExitCode.report(ex, commandLine.getCommandSpec().qualifiedName(" "), verbose, commandLine.getErr()));
        cli.setParameterExceptionHandler((ex, args) -> ExitCode.usage(ex, ex.getCommandLine().getErr()));
        return cli;
    }
}
