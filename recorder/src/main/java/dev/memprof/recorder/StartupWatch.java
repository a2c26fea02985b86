package dev.memprof.recorder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches a launched JVM for its {@link StartupRule}; completes {@link #ready()} with the moment it fired.
 * Runs only in memprof's process: the target is watched from outside (its output, its port, the clock).
 */
final class StartupWatch {
    private final StartupRule rule;
    private final CompletableFuture<Instant> ready = new CompletableFuture<>();

    StartupWatch(StartupRule rule) {
        this.rule = rule;
    }

    StartupRule rule() {
        return rule;
    }

    CompletableFuture<Instant> ready() {
        return ready;
    }

    /** Starts watching {@code process} (for a log rule, {@link #pump} must be given its output streams). */
    void watch(Process process) {
        if (rule instanceof StartupRule.AfterTime time) {
            CompletableFuture.delayedExecutor(time.after().toNanos(), TimeUnit.NANOSECONDS)
                    .execute(() -> { if (process.isAlive()) ready.complete(Instant.now()); });
        } else if (rule instanceof StartupRule.HttpReady http) {
            daemon("memprof-ready-http", () -> pollHttp(process, http));
        } else if (rule instanceof StartupRule.ClassLoadingSettled) {
            daemon("memprof-ready-classes", () -> pollClasses(process));
        }
    }

    /** Reads the JVM's loaded-class counter (hsperfdata, no attach) four times a second until it settles. */
    private void pollClasses(Process process) {
        long[] counts = new long[4]; // the last second
        int seen = 0;
        sun.jvmstat.monitor.MonitoredVm vm = null;
        try {
            sun.jvmstat.monitor.MonitoredHost host = sun.jvmstat.monitor.MonitoredHost.getMonitoredHost((String) null);
            while (process.isAlive() && !ready.isDone()) {
                Thread.sleep(250);
                if (vm == null) {
                    try {
                        vm = host.getMonitoredVm(new sun.jvmstat.monitor.VmIdentifier("//" + process.pid()));
                    } catch (Exception notYet) {
                        continue; // its counters file is not there yet
                    }
                }
                sun.jvmstat.monitor.Monitor loaded = vm.findByName("java.cls.loadedClasses");
                if (loaded == null) return;
                long count = ((Number) loaded.getValue()).longValue();
                long secondAgo = counts[seen % counts.length];
                counts[seen % counts.length] = count;
                if (++seen > counts.length && count - secondAgo < Math.max(3, count / 100)) ready.complete(Instant.now());
            }
        } catch (Exception e) {
            // no counters (-XX:-UsePerfData): never ready by this rule; the caller's timeout says so
        } finally {
            if (vm != null) vm.detach();
        }
    }

    private void pollHttp(Process process, StartupRule.HttpReady http) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(http.url()).timeout(Duration.ofSeconds(2)).GET().build();
        while (process.isAlive() && !ready.isDone()) {
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    ready.complete(Instant.now());
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Copies the child's {@code from} to our {@code to} as it comes, and for a log rule matches each line. Bytes
     * are passed on unchanged; lines are decoded only to match.
     */
    Thread pump(InputStream from, OutputStream to, String name) {
        StartupRule.LogLine log = rule instanceof StartupRule.LogLine l ? l : null;
        return daemon(name, () -> {
            byte[] buffer = new byte[8192];
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            try (from) { // "to" stays open: it is our terminal, or a log the other stream shares
                for (int n; (n = from.read(buffer)) > 0; ) {
                    synchronized (to) { // stdout and stderr may share one log file
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                    if (log == null || ready.isDone()) continue;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            if (matches(log, line)) ready.complete(Instant.now());
                            line.reset();
                        } else if (line.size() < 64 * 1024) {
                            line.write(buffer[i]);
                        }
                    }
                }
            } catch (IOException e) {
                // the child closed its end
            }
        });
    }

    private static boolean matches(StartupRule.LogLine log, ByteArrayOutputStream line) {
        return log.regex().matcher(line.toString(Charset.defaultCharset())).find();
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
