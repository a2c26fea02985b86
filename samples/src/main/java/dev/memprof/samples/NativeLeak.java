package dev.memprof.samples;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * Question: does {@code --native} find native memory that is never freed, among much more that is?
 * <p>
 * Each round {@link #leak} mallocs one 64 KiB block (Unsafe.allocateMemory) and keeps it forever, and {@link #churn}
 * mallocs and frees twenty blocks of the same size: twenty times more native bytes pass through churn, none stay.
 * At exit it prints the exact bytes: {@code leaked=<n> churned=<n>}. Args: {@code [seconds]} (default 3).
 */
public final class NativeLeak {
    static final int BLOCK = 64 * 1024, CHURN_PER_LEAK = 20;
    static final List<Long> KEPT = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 3;
        Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        sun.misc.Unsafe unsafe = (sun.misc.Unsafe) field.get(null);
        System.out.println("memprof-sample ready");
        long leaked = 0, churned = 0;
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            leak(unsafe);
            leaked += BLOCK;
            for (int i = 0; i < CHURN_PER_LEAK; i++) churn(unsafe);
            churned += (long) BLOCK * CHURN_PER_LEAK;
            Thread.sleep(5);
        }
        System.out.println("leaked=" + leaked + " churned=" + churned);
    }

    static void leak(sun.misc.Unsafe unsafe) {
        KEPT.add(unsafe.allocateMemory(BLOCK));
    }

    static void churn(sun.misc.Unsafe unsafe) {
        unsafe.freeMemory(unsafe.allocateMemory(BLOCK));
    }
}
