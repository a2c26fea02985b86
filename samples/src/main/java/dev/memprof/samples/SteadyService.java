package dev.memprof.samples;

/**
 * Question: does memprof keep quiet about a service whose live set does not grow (no false leak)?
 * <p>
 * The same requests as {@link LeakingService} (16 KiB of garbage each, at the same rate), but the 512-byte record
 * goes into a fixed ring of the last {@value #RING} requests, so old records become garbage as new ones come: a
 * constant live set (about 1 MiB) under the same churn. Prints {@code handled=<requests>}. Args: {@code [seconds]}
 * (default 10).
 */
public final class SteadyService {
    static final int RING = 2000;
    static final byte[][] RECENT = new byte[RING][];

    public static void main(String[] args) throws InterruptedException {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
        System.out.println("memprof-sample ready");
        long handled = LeakingService.serve(seconds, SteadyService::handleRequest);
        System.out.println("handled=" + handled);
    }

    static void handleRequest(long id) {
        LeakingService.renderResponse(id);
        rememberRecent(id);
    }

    static void rememberRecent(long id) {
        byte[] record = new byte[LeakingService.RECORD_BYTES];
        record[0] = (byte) id;
        RECENT[(int) (id % RING)] = record;
    }
}
