import dev.memprof.analysis.ProfileReader;

import java.nio.file.Path;

/**
 * The steadiest measure of memprof's reading on a shared machine: reads a recording N times in one JVM and prints
 * each time and the best after the first (the first pays for class loading and compiles, as the CLI does). Compare
 * two builds by running them alternately:
 * {@code java -XX:+UseSerialGC -Xmn24m -XX:TieredStopAtLevel=1 -cp cli/target/memprof.jar bench/ReadBench.java <file.jfr> [runs]}
 */
public class ReadBench {
    public static void main(String[] args) throws Exception {
        Path recording = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        long best = Long.MAX_VALUE;
        StringBuilder each = new StringBuilder();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            ProfileReader.read(recording);
            long millis = (System.nanoTime() - start) / 1_000_000;
            each.append(millis).append(" ms ");
            if (i > 0) best = Math.min(best, millis);
        }
        System.out.println(recording.getFileName() + ": " + each + "(best after the first: " + best + " ms)");
    }
}
