package dev.memprof.samples;

import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

import java.util.ArrayList;
import java.util.List;

/**
 * Did this build's startup grow? A service whose startup keeps a 4 MiB table; two switches make a regression that
 * {@code memprof check} must catch and name: {@code -Dsample.retainMiB=N} keeps N MiB more at startup (in
 * {@link #cacheTemplates}), {@code -Dsample.extraLibrary=true} also initialises jsoup at startup. Prints
 * {@code memprof-sample ready}, then serves light requests for [seconds] (default 60).
 */
public final class StartupFootprint {
    private static final List<byte[]> TABLE = new ArrayList<>(), TEMPLATES = new ArrayList<>();
    private static Safelist safelist;

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 60;
        loadTable(4);
        cacheTemplates(Integer.getInteger("sample.retainMiB", 0));
        if (Boolean.getBoolean("sample.extraLibrary")) loadSanitizer();
        System.out.println("memprof-sample ready");
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long served = 0;
        while (System.nanoTime() < end) {
            served += new StringBuilder("request ").append(served).toString().length();
            Thread.sleep(5);
        }
        System.out.println("served=" + served + " table=" + TABLE.size() + " templates=" + TEMPLATES.size());
    }

    static void loadTable(int mib) {
        for (int i = 0; i < mib * 16; i++) TABLE.add(new byte[64 * 1024]);
    }

    static void cacheTemplates(int mib) {
        for (int i = 0; i < mib * 16; i++) TEMPLATES.add(new byte[64 * 1024]);
    }

    static void loadSanitizer() {
        safelist = Safelist.relaxed();
        Jsoup.clean("<p>warm-up</p>", safelist);
    }
}
