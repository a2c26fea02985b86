package dev.memprof.recorder;

import sun.jvmstat.monitor.Monitor;
import sun.jvmstat.monitor.MonitoredHost;
import sun.jvmstat.monitor.MonitoredVm;
import sun.jvmstat.monitor.VmIdentifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The local JVMs, read from their hsperfdata (what jps and jstat read), without attaching to any of them.
 * Sizes are bytes, -1 when unknown.
 */
public final class JvmProcesses {
    private JvmProcesses() {}

    /** One local JVM. {@code main} is the main class, jar file name or source file; {@code command} all of it. */
    public record Jvm(long pid, String main, String command, String javaVersion, long rss, long heapUsed,
                      long heapCommitted) {}

    /** The JVMs of this user, by pid, without memprof itself. */
    public static List<Jvm> list() {
        List<Jvm> jvms = new ArrayList<>();
        try {
            MonitoredHost host = MonitoredHost.getMonitoredHost((String) null);
            long self = ProcessHandle.current().pid();
            for (int pid : host.activeVms()) {
                if (pid == self) continue;
                MonitoredVm vm = null;
                try {
                    vm = host.getMonitoredVm(new VmIdentifier("//" + pid));
                    String command = string(vm, "sun.rt.javaCommand");
                    String version = string(vm, "java.property.java.version");
                    jvms.add(new Jvm(pid, main(command), command,
                            version.isEmpty() ? string(vm, "java.property.java.vm.version") : version,
                            rss(pid), sum(vm, "sun\\.gc\\.generation\\.\\d+\\.space\\.\\d+\\.used"),
                            sum(vm, "sun\\.gc\\.generation\\.\\d+\\.capacity")));
                } catch (Exception gone) {
                    // exited meanwhile, or another user's JVM whose data we may not read
                } finally {
                    if (vm != null) vm.detach();
                }
            }
        } catch (Exception e) {
            throw new RecorderException("cannot list the local JVMs: " + e.getMessage(), e);
        }
        jvms.sort(Comparator.comparingLong(Jvm::pid));
        return jvms;
    }

    /** {@code <pid|name>}: a number is a pid, which must be a JVM; a name must match one JVM's main. */
    public static Jvm resolve(String pidOrName) {
        if (pidOrName.matches("\\d+")) return requireJvm(Long.parseLong(pidOrName));
        List<Jvm> matches = list().stream()
                .filter(jvm -> jvm.main().contains(pidOrName) || firstWord(jvm.command()).contains(pidOrName))
                .toList();
        if (matches.isEmpty()) {
            throw new RecorderException("no JVM matches '" + pidOrName + "'; `memprof ps` lists them");
        }
        if (matches.size() > 1) {
            throw new RecorderException("several JVMs match '" + pidOrName + "': " + matches.stream()
                    .map(jvm -> jvm.pid() + " " + jvm.main()).collect(Collectors.joining(", ")) + "; give a pid");
        }
        return matches.get(0);
    }

    /** The JVM with this pid, or why it cannot be recorded. Never signals the process (attaching a non-JVM could kill it). */
    public static Jvm requireJvm(long pid) {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(
                () -> new RecorderException("no process with pid " + pid + "; `memprof ps` lists the JVMs"));
        for (Jvm jvm : list()) {
            if (jvm.pid() == pid) return jvm;
        }
        String name = process.info().command().map(c -> " (" + Path.of(c).getFileName() + ")").orElse("");
        // Another user's: its hsperfdata and /proc/<pid>/maps are closed to us, and so is attaching (unless we are root).
        String user = process.info().user().orElse(null), self = System.getProperty("user.name");
        if (user != null && !user.equals(self) && !self.equals("root")) {
            throw new RecorderException("pid " + pid + name + " runs as user " + user + ", memprof as " + self + ": run memprof as "
                    + (user.equals("root") ? "root, e.g. sudo memprof attach " : user + " or root, e.g. sudo -u " + user + " memprof attach ") + pid);
        }
        // Not in hsperfdata: a JVM started with -XX:-UsePerfData still maps libjvm.
        if (mapsLibjvm(pid)) {
            return new Jvm(pid, "?", process.info().commandLine().orElse(""), "", rss(pid), -1, -1);
        }
        // root reads every process's maps, and so do we our own: then it is surely no JVM
        boolean knowable = self.equals("root") || self.equals(user);
        throw new RecorderException("pid " + pid + name + " is not a JVM" + (knowable ? "" : " of this user")
                + "; `memprof ps` lists the JVMs");
    }

    private static boolean mapsLibjvm(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "maps"))) {
            return lines.anyMatch(line -> line.endsWith("/libjvm.so"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The first word of the java command, short: a class name, a jar's file name, a source file's name. */
    static String main(String command) {
        String[] words = command.trim().split("\\s+");
        String main = words[0];
        // the source launcher (java Foo.java) shows as jdk.compiler/com.sun.tools.javac.launcher.Main Foo.java
        if (main.startsWith("jdk.compiler/") && words.length > 1) main = words[1];
        return main.endsWith(".jar") || main.endsWith(".java") ? Path.of(main).getFileName().toString() : main;
    }

    private static String firstWord(String command) {
        return command.trim().split("\\s+")[0];
    }

    private static String string(MonitoredVm vm, String name) throws Exception {
        Monitor monitor = vm.findByName(name);
        return monitor == null ? "" : monitor.getValue().toString();
    }

    private static long sum(MonitoredVm vm, String pattern) throws Exception {
        List<Monitor> monitors = vm.findByPattern(pattern);
        if (monitors.isEmpty()) return -1;
        long sum = 0;
        for (Monitor m : monitors) sum += ((Number) m.getValue()).longValue();
        return sum;
    }

    /** Resident set size from /proc/<pid>/status, -1 when unknown. */
    static long rss(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                    .findFirst().orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
