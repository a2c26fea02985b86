package dev.memprof.samples;

/**
 * Question: does memprof record a framework-deep stack whole, from {@code main} to the allocation?
 * <p>
 * Recurses {@value #DEPTH} calls deep through {@link #descend} (deeper than any stack measured on the Spring Boot
 * sample, 241 frames), then allocates 4 KiB arrays there in {@link #allocate} until the time is up, so every allocation
 * sample's stack is {@code main}, {@value #DEPTH} + 1 frames of {@code descend}, and {@code allocate}. Prints
 * {@code memprof-sample ready} first and {@code allocated=<bytes>} at the end. Args: {@code [seconds]} (default 5).
 * Allocates {@value #MIB_PER_SECOND} MiB a second (see {@link Pace}).
 */
public final class DeepStacks {
    static final int DEPTH = 600;
    static final int MIB_PER_SECOND = 128;
    static volatile byte[] sink;

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        System.out.println("memprof-sample ready");
        long end = System.nanoTime() + (long) (seconds * 1e9);
        System.out.println("allocated=" + descend(DEPTH, end));
    }

    static long descend(int depth, long end) {
        return depth == 0 ? allocate(end) : descend(depth - 1, end);
    }

    static long allocate(long end) {
        long bytes = 0;
        Pace pace = new Pace(MIB_PER_SECOND);
        while (System.nanoTime() < end) {
            for (int i = 0; i < 256; i++) sink = new byte[4096];
            bytes += 256 * 4096;
            pace.step();
        }
        return bytes;
    }
}
