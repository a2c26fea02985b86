package dev.memprof.samples;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.ThreadMXBean;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import javax.management.ObjectName;
import java.util.HashMap;
import java.util.Map;

/**
 * Who holds this heap? Keeps known amounts alive, each held a different way, and dumps its own heap (live objects,
 * after a full GC) to [file]: a 2 MiB array in a static field; a static map of [names] small strings; 1 MiB held by
 * two statics of two classes (so neither dominates it); a "library" object owning 1 MiB held by an instance field; an
 * object in a thread-local; an object only a stack frame holds; and [bulk] small linked objects. Prints the truth:
 * the map's bytes as this thread allocated them, and the live bytes of the JVM's own class histogram (GC.class_histogram,
 * which collects first), taken just before the dump.
 */
public final class HeapHolders {
    static byte[] blob;
    static Map<String, String> names;
    static Object firstShare;
    static Holder holder;
    static Link bulk;
    static final ThreadLocal<Buffer> PER_THREAD = new ThreadLocal<>();

    record Holder(LibraryCache cache) { }
    record LibraryCache(byte[][] pages) { }
    record Buffer(byte[] bytes) { }
    record Link(Link next, int value) { }
    static final class SecondHolder { static Object secondShare; }

    public static void main(String[] args) throws Exception {
        long mapBytes = fill(args.length > 1 ? Integer.parseInt(args[1]) : 50_000);
        Buffer onStack = new Buffer(new byte[256 << 10]);
        for (int i = args.length > 2 ? Integer.parseInt(args[2]) : 0; i > 0; i--) bulk = new Link(bulk, i);
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        String total = histogram.substring(histogram.lastIndexOf("Total")).trim().split("\\s+")[2];
        System.out.println("names-bytes=" + mapBytes + " histogram-bytes=" + total);
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(args[0], true);
        Reference.reachabilityFence(onStack);
        System.out.println("dumped " + args[0]);
    }

    /** Fills the statics (in a method of its own, so that no local of main holds what they hold). */
    private static long fill(int count) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        before = threads.getCurrentThreadAllocatedBytes(); // the first call allocates
        names = new HashMap<>(count * 4 / 3 + 1);
        for (int i = 0; i < count; i++) names.put(Integer.toString(i), Integer.toString(-i));
        long mapBytes = threads.getCurrentThreadAllocatedBytes() - before;
        blob = new byte[2 << 20];
        firstShare = SecondHolder.secondShare = new byte[1 << 20];
        byte[][] pages = new byte[16][];
        for (int i = 0; i < pages.length; i++) pages[i] = new byte[64 << 10];
        holder = new Holder(new LibraryCache(pages));
        PER_THREAD.set(new Buffer(new byte[512 << 10]));
        return mapBytes;
    }
}
