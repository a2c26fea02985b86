import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Writes a JFR recording of about the requested size for memprof's benchmarks, of one of three kinds:
 * {@code java -XX:TLABSize=4k -XX:-ResizeTLAB -XX:TLABRefillWasteFraction=1 [-XX:FlightRecorderOptions:stackdepth=128]
 * bench/GenerateRecording.java <megabytes> <out.jfr> <settings.jfc | real-like | many-stacks>}
 * (small TLABs: a sample at nearly every TLAB refill; bench/report-speed.sh runs it).
 * <ul>
 * <li>{@code <settings.jfc>} (memprof's kind): four threads allocate from 300 distinct stacks (12 allocation sites, each
 * reached through 25 recursion depths) objects of 8 classes, recorded with memprof's own settings (recorder's
 * memprof.jfc, through ManyEventsSettings: {@code java test-support/src/main/java/dev/memprof/testsupport/ManyEventsSettings.java
 * recorder/src/main/resources/dev/memprof/recorder/memprof.jfc <settings.jfc>}) with the allocation sampler unthrottled and
 * the TLAB events on, as a long production recording of a busy JVM would hold: millions of
 * {@code jdk.ObjectAllocationSample}, {@code jdk.ObjectAllocationInNewTLAB} and {@code jdk.ObjectAllocationOutsideTLAB}
 * events plus heap summaries at every GC.</li>
 * <li>{@code real-like}: what a user records with the JDK's own {@code profile} settings and allocation profiling turned
 * up: {@code profile} (execution samples every 10 ms, locks, I/O, GC phases, ...) with {@code jdk.ObjectAllocationSample}
 * unthrottled and the TLAB events on, with stack traces. The threads walk 300 call paths, 10 to 60 frames deep, through
 * eight methods in a different order each, and allocate from the 12 sites at the end of each: thousands of distinct
 * stacks, as an application's code has (run it at {@code stackdepth=128}, as the JDK's default depth cuts less).</li>
 * <li>{@code many-stacks}: the same with 50,000 call paths, two sites each (one odd, one even: through two methods, so
 * that memprof, which names frames by method, not line, tells them apart): about 100,000 distinct stacks as memprof
 * counts them, the stress case for memory and for the HTML report's size.</li>
 * </ul>
 * It stops when the JFR repository holds the requested size.
 */
public final class GenerateRecording {
    static final int THREADS = 4, SITES = 12, DEPTHS = 25;
    static volatile Object sink;

    /** The call paths of the real-like kinds: per path, the step method (0-7) taken at each level. */
    private static byte[][] paths = new byte[0][];
    /** Allocation sites at the end of a call path: 12, or 2 in the many-stacks kind. */
    private static int sitesPerPath = SITES;

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java bench/GenerateRecording.java <megabytes> <out.jfr> <settings.jfc | real-like | many-stacks>");
            System.exit(2);
        }
        long targetBytes = Long.parseLong(args[0]) << 20;
        Path out = Path.of(args[1]).toAbsolutePath();
        String kind = args[2];
        int callPaths = switch (kind) {
            case "real-like" -> 300;
            case "many-stacks" -> 50_000;
            default -> 0; // memprof's kind: a settings file
        };
        paths = callPaths(callPaths);
        sitesPerPath = kind.equals("many-stacks") ? 2 : SITES;
        AtomicBoolean stop = new AtomicBoolean();
        try (Recording recording = callPaths == 0 ? new Recording(Configuration.create(Path.of(kind))) : new Recording(realLikeSettings())) {
            recording.setToDisk(true);
            recording.setMaxSize(0);
            recording.setDestination(out);
            recording.start();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int seed = t;
                Thread thread = new Thread(() -> work(seed, stop), "bench-worker-" + t);
                thread.start();
                threads.add(thread);
            }
            // JFR names its repository (where chunks are written as they fill) in this property
            Path jfrRepository = Path.of(System.getProperty("jdk.jfr.repository"));
            while (repositoryBytes(jfrRepository) < targetBytes) Thread.sleep(200);
            stop.set(true);
            for (Thread thread : threads) thread.join();
            recording.stop();
        }
        System.out.printf("%s: %d MB%n", out, Files.size(out) >> 20);
    }

    /** The JDK's profile settings, with the allocation sampler unthrottled and the TLAB events on, with stacks. */
    private static Map<String, String> realLikeSettings() throws Exception {
        Map<String, String> settings = new HashMap<>(Configuration.getConfiguration("profile").getSettings());
        settings.put("jdk.ObjectAllocationSample#throttle", "off");
        for (String tlab : List.of("jdk.ObjectAllocationInNewTLAB", "jdk.ObjectAllocationOutsideTLAB")) {
            settings.put(tlab + "#enabled", "true");
            settings.put(tlab + "#stackTrace", "true");
        }
        return settings;
    }

    /** {@code count} call paths of 5 to 30 levels (two frames each: 10 to 60), the same every run. */
    private static byte[][] callPaths(int count) {
        Random random = new Random(42);
        byte[][] result = new byte[count][];
        for (int p = 0; p < count; p++) {
            result[p] = new byte[5 + random.nextInt(26)];
            for (int level = 0; level < result[p].length; level++) result[p][level] = (byte) random.nextInt(8);
        }
        return result;
    }

    private static long repositoryBytes(Path repository) throws IOException {
        try (Stream<Path> files = Files.walk(repository)) {
            return files.filter(f -> f.toString().endsWith(".jfr")).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void work(int seed, AtomicBoolean stop) {
        long i = seed;
        while (!stop.get()) {
            i = i * 6364136223846793005L + 1442695040888963407L;
            if (paths.length == 0) {
                descend((int) ((i >>> 33) % SITES), (int) ((i >>> 45) % DEPTHS));
            } else { // the path's sites: every site (real-like) or two (many stacks)
                int path = (int) ((i >>> 24) % paths.length);
                step(paths[path], 0, (int) ((path + (i >>> 45) % sitesPerPath * 5) % SITES));
            }
        }
    }

    private static void descend(int site, int depth) {
        if (depth > 0) {
            descend(site, depth - 1);
            return;
        }
        for (int k = 0; k < 64; k++) allocate(site);
    }

    /** One level of a call path: through the step method the path names there, or, at its end, the allocations. */
    private static void step(byte[] path, int level, int site) {
        if (level == path.length) { // two methods at the end, so that memprof (which names frames by method) tells the
            if ((site & 1) == 0) evenSite(site); // two sites of a many-stacks path apart: odd and even
            else oddSite(site);
            return;
        }
        switch (path[level]) {
            case 0 -> parse(path, level + 1, site);
            case 1 -> validate(path, level + 1, site);
            case 2 -> route(path, level + 1, site);
            case 3 -> filter(path, level + 1, site);
            case 4 -> invoke(path, level + 1, site);
            case 5 -> render(path, level + 1, site);
            case 6 -> query(path, level + 1, site);
            default -> convert(path, level + 1, site);
        }
    }

    // eight methods that a call path goes through, in its own order: named like a web application's layers

    private static void parse(byte[] path, int level, int site) { step(path, level, site); }
    private static void validate(byte[] path, int level, int site) { step(path, level, site); }
    private static void route(byte[] path, int level, int site) { step(path, level, site); }
    private static void filter(byte[] path, int level, int site) { step(path, level, site); }
    private static void invoke(byte[] path, int level, int site) { step(path, level, site); }
    private static void render(byte[] path, int level, int site) { step(path, level, site); }
    private static void query(byte[] path, int level, int site) { step(path, level, site); }
    private static void convert(byte[] path, int level, int site) { step(path, level, site); }

    private static void evenSite(int site) {
        for (int k = 0; k < 64; k++) allocate(site);
    }

    private static void oddSite(int site) {
        for (int k = 0; k < 64; k++) allocate(site);
    }

    private static int i;

    private static void allocate(int site) {
        switch (site) {
            case 0 -> sink = new byte[64];
            case 1 -> sink = new byte[700];
            case 2 -> sink = new int[32];
            case 3 -> sink = new long[90];
            case 4 -> sink = new Object[16];
            case 5 -> sink = String.valueOf(site * 1_000_003L);
            case 6 -> sink = new StringBuilder(48).append(site);
            case 7 -> sink = new ArrayList<>(20);
            case 8 -> sink = new char[300];
            case 9 -> sink = (i++ & 63) == 0 ? new byte[70_000] : new short[200]; // now and then outside a TLAB
            case 10 -> sink = new Point(site, site);
            default -> sink = new double[128];
        }
    }

    record Point(int x, int y) {}
}
