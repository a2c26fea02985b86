package dev.memprof.cli;

import dev.memprof.recorder.JvmProcesses;
import dev.memprof.report.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code memprof ps}: the local JVMs, from their performance counters (hsperfdata), without attaching. */
@Command(name = "ps", mixinStandardHelpOptions = true,
        description = "List the local JVMs memprof can record, without attaching to them.")
final class PsCommand implements Callable<Integer> {
    private static final int MAIN_WIDTH = 48;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<JvmProcesses.Jvm> jvms = JvmProcesses.list();
        PrintWriter out = spec.commandLine().getOut();
        if (jvms.isEmpty()) {
            out.println("no JVMs found (JVMs of other users, and those started with -XX:-UsePerfData, are not listed)");
            return ExitCode.OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"PID", "MAIN", "JDK", "RSS", "HEAP USED", "HEAP COMMITTED"});
        for (JvmProcesses.Jvm jvm : jvms) {
            rows.add(new String[]{Long.toString(jvm.pid()), main(jvm), jvm.javaVersion(), size(jvm.rss()),
                    size(jvm.heapUsed()), size(jvm.heapCommitted())});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) widths[i] = Math.max(widths[i], row[i].length());
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        return ExitCode.OK;
    }

    /** The main class or jar with its arguments, cut to fit; control characters made visible. */
    private static String main(JvmProcesses.Jvm jvm) {
        String command = jvm.command().strip();
        int space = command.indexOf(' ');
        String text = Units.printable(jvm.main() + (space > 0 ? command.substring(space) : ""));
        return text.length() <= MAIN_WIDTH ? text : text.substring(0, MAIN_WIDTH - 1) + "…";
    }

    static String size(long bytes) {
        return bytes < 0 ? "-" : Units.bytes(bytes);
    }
}
