package dev.memprof.samples;

/**
 * Question: are threads that share a name told apart? Pools often name all their threads alike; a JFR allocation
 * sample's weight is what its own thread allocated since that thread's previous sample, so the rate must follow
 * threads, not names. Three daemon threads named "worker" allocate until main exits. Args: {@code [seconds]} (default 2).
 */
public final class SameNamedThreads {
    static volatile Object sink;

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 2;
        for (int i = 0; i < 3; i++) {
            int size = 500 * (i + 1);
            Thread worker = new Thread(() -> {
                while (true) sink = new byte[size];
            }, "worker");
            worker.setDaemon(true);
            worker.start();
        }
        Thread.sleep(seconds * 1000);
    }
}
