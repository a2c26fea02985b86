package dev.memprof.samples.springboot;

import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Planted by {@code memprof.plant.startupHeap=<bytes>}: {@link #CACHE}, a static field, holds that many bytes (in
 * {@value #CHUNK}-byte arrays) from startup to exit: a startup-memory regression for {@code memprof check} to name.
 */
@Component
public class StartupCache {
    static final int CHUNK = 64 * 1024;
    static final List<byte[]> CACHE = fill(Long.getLong("memprof.plant.startupHeap", 0));

    public StartupCache() {
        if (!CACHE.isEmpty()) {
            System.out.println("memprof-sample planted startupHeap: StartupCache.CACHE holds "
                    + CACHE.stream().mapToLong(b -> b.length).sum() + " bytes");
        }
    }

    private static List<byte[]> fill(long bytes) {
        List<byte[]> chunks = new ArrayList<>();
        for (long left = bytes; left > 0; left -= CHUNK) {
            byte[] chunk = new byte[(int) Math.min(CHUNK, left)];
            chunk[0] = 1; // touched, like real cached data
            chunks.add(chunk);
        }
        return Collections.unmodifiableList(chunks);
    }
}
