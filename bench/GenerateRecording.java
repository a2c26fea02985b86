import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Writes a JFR recording of about the requested size for memprof's benchmarks:
 * {@code java -XX:TLABSize=4k -XX:-ResizeTLAB -XX:TLABRefillWasteFraction=1 bench/GenerateRecording.java <megabytes> <out.jfr> <settings.jfc>}
 * (small TLABs: a sample at nearly every TLAB refill). The settings are made from memprof.jfc by
 * {@code java test-support/src/main/java/dev/memprof/testsupport/ManyEventsSettings.java recorder/src/main/resources/dev/memprof/recorder/memprof.jfc <settings.jfc>}
 * (bench/report-speed.sh does it).
 * <p>
 * Four threads allocate from 300 distinct stacks (12 allocation sites, each reached through 25
 * recursion depths) objects of 8 classes, for as long as it takes. The recording uses memprof's own
 * settings (recorder's memprof.jfc, through ManyEventsSettings) with the allocation sampler unthrottled and
 * the TLAB events on, as a long production recording of a busy JVM would hold: millions of
 * {@code jdk.ObjectAllocationSample}, {@code jdk.ObjectAllocationInNewTLAB} and
 * {@code jdk.ObjectAllocationOutsideTLAB} events plus heap summaries at every GC. It stops when the
 * JFR repository holds the requested size.
 */
public final class GenerateRecording {
    static final int THREADS = 4, SITES = 12, DEPTHS = 25;
    static volatile Object sink;

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java bench/GenerateRecording.java <megabytes> <out.jfr> <settings.jfc>");
            System.exit(2);
        }
        long targetBytes = Long.parseLong(args[0]) << 20;
        Path out = Path.of(args[1]).toAbsolutePath();
        Path settings = Path.of(args[2]);
        AtomicBoolean stop = new AtomicBoolean();
        try (Recording recording = new Recording(Configuration.create(settings))) {
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

    private static long repositoryBytes(Path repository) throws IOException {
        try (Stream<Path> files = Files.walk(repository)) {
            return files.filter(f -> f.toString().endsWith(".jfr")).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void work(int seed, AtomicBoolean stop) {
        long i = seed;
        while (!stop.get()) {
            i = i * 6364136223846793005L + 1442695040888963407L;
            int site = (int) ((i >>> 33) % SITES), depth = (int) ((i >>> 45) % DEPTHS);
            descend(site, depth);
        }
    }

    private static void descend(int site, int depth) {
        if (depth > 0) {
            descend(site, depth - 1);
            return;
        }
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
