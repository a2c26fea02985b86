package dev.memprof.samples;

import java.util.ArrayList;
import java.util.List;

/**
 * Question: does {@code memprof run} hand back the app's exit code, and is the recording still written when
 * the app ends with {@code System.exit}?
 * <p>
 * Allocates 64 KiB arrays for a moment (so the recording has samples), prints {@code exiting with <code>},
 * then calls {@code System.exit(code)}. Args: {@code [code]} (default 3).
 */
public final class ExitCode {
    public static void main(String[] args) {
        int code = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<byte[]> kept = new ArrayList<>();
        long until = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < until) {
            kept.add(new byte[64 * 1024]);
            if (kept.size() == 64) kept.clear();
        }
        System.out.println("exiting with " + code);
        System.exit(code);
    }
}
