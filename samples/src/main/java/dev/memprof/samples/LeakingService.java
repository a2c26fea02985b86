package dev.memprof.samples;

import java.util.ArrayList;
import java.util.List;

/**
 * Question: among much short-lived garbage, does memprof find the small object that stays, say what holds it,
 * and call the live set growing?
 * <p>
 * Each request renders a response from 16 KiB of garbage ({@link #renderResponse}) and remembers a 512-byte
 * record in a static list forever ({@link #rememberRequest}): the leak is about 3% of what is allocated, and
 * {@link #REMEMBERED} is what holds it. Requests run at a fixed rate (4,000/s) so the leak grows steadily.
 * At exit it prints {@code remembered=<requests> leakedBytes=<bytes of the records>}. Args: {@code [seconds]} (default 10).
 */
public final class LeakingService {
    static final int REQUESTS_PER_SECOND = 4000, GARBAGE_CHUNKS = 16, CHUNK_BYTES = 1024, RECORD_BYTES = 512;
    static final List<byte[]> REMEMBERED = new ArrayList<>();
    static volatile Object sink;

    public static void main(String[] args) throws InterruptedException {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
        System.out.println("memprof-sample ready");
        long handled = serve(seconds, LeakingService::handleRequest);
        System.out.println("remembered=" + handled + " leakedBytes=" + handled * RECORD_BYTES);
    }

    /** Calls {@code request} at {@link #REQUESTS_PER_SECOND} for {@code seconds}; returns how many it called. */
    static long serve(long seconds, java.util.function.LongConsumer request) throws InterruptedException {
        long start = System.nanoTime(), end = start + seconds * 1_000_000_000L, handled = 0;
        for (long now = start; now < end; now = System.nanoTime()) {
            long due = (now - start) * REQUESTS_PER_SECOND / 1_000_000_000L;
            while (handled < due) request.accept(handled++);
            Thread.sleep(1);
        }
        return handled;
    }

    static void handleRequest(long id) {
        renderResponse(id);
        rememberRequest(id);
    }

    static void renderResponse(long id) {
        for (int i = 0; i < GARBAGE_CHUNKS; i++) {
            byte[] chunk = new byte[CHUNK_BYTES];
            chunk[0] = (byte) id;
            sink = chunk;
        }
    }

    static void rememberRequest(long id) {
        byte[] record = new byte[RECORD_BYTES];
        record[0] = (byte) id;
        REMEMBERED.add(record);
    }
}
