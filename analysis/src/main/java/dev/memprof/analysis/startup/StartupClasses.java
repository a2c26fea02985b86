package dev.memprof.analysis.startup;

import dev.memprof.analysis.Libraries;
import dev.memprof.analysis.StringTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The classes each library loaded by startup's end and after it (from {@code jdk.ClassLoad}, or the agent's inventory
 * when memprof attached), their class-file bytes (what metaspace is shared out by), own load time and packages.
 * Classes JFR or memprof's agent loaded for themselves are left out.
 */
final class StartupClasses {
    /** Per class-load row, its library id; {@code atStartup} the rows counted as loaded at startup. */
    final int[] classLibrary;
    final BitSet atStartup = new BitSet();
    final int[] startupClasses, laterClasses;
    final long[] classWeight, loadNanos;
    /**
     * Attached, per library: whether the inventory shows it loaded as a unit, {@value #UNIT_SHARE} of its classes in
     * at most {@value #UNIT_STRETCHES} unbroken stretches. The JVM lists a class loader's classes in load order (newest
     * first), so a library something initialised at one place (a bean, a static initialiser) comes as one block, and one
     * woven into other libraries' startup (Hibernate's byte-buddy, Thymeleaf's attoparser, an API jar) in many short
     * stretches between their classes. Measured on the Spring Boot sample: ICU4J 100% and jsoup 100% in 3, byte-buddy
     * 50% (18 stretches), log4j-api 88%, attoparser 86%, jakarta.validation-api 17%.
     */
    final BitSet loadedAsUnit = new BitSet();
    static final double UNIT_SHARE = 0.95;
    static final int UNIT_STRETCHES = 3;
    final Map<Integer, Map<String, Integer>> packages = new HashMap<>();

    StartupClasses(StartupEvidence evidence, long end, StringTable classes, StringTable modules, StringTable libraryNames,
                   Libraries libraries, IntPredicate loadedByProfiler) {
        classLibrary = new int[evidence.classCount];
        for (int row = 0; row < evidence.classCount; row++) {
            classLibrary[row] = libraryNames.intern(libraries.libraryOf(classes.get(evidence.className[row]),
                    evidence.module[row] < 0 ? null : modules.get(evidence.module[row])));
        }
        int[] inventoryLibrary = new int[evidence.inventoryCount];
        for (int i = 0; i < evidence.inventoryCount; i++) {
            inventoryLibrary[i] = libraryNames.intern(libraries.libraryOf(classes.get(evidence.inventoryClass[i]), null));
        }
        int libraryCount = libraryNames.size();
        startupClasses = new int[libraryCount];
        laterClasses = new int[libraryCount];
        classWeight = new long[libraryCount];
        loadNanos = new long[libraryCount];
        long[] selfNanos = selfTimes(evidence);
        long knownSizes = 0, sized = 0;
        for (int row = 0; row < evidence.classCount; row++) {
            int size = evidence.classFileSize(evidence.className[row]);
            if (size > 0) { knownSizes += size; sized++; }
        }
        long averageSize = sized == 0 ? 1 : Math.max(1, knownSizes / sized);
        for (int row = 0; row < evidence.classCount; row++) {
            int lib = classLibrary[row];
            if (loadedByProfiler.test(row)) continue;
            if (evidence.loadTime[row] > end) {
                laterClasses[lib]++;
                continue;
            }
            atStartup.set(row);
            startupClasses[lib]++;
            int size = evidence.classFileSize(evidence.className[row]);
            classWeight[lib] += size > 0 ? size : averageSize;
            loadNanos[lib] += selfNanos[row];
            packages.computeIfAbsent(lib, k -> new HashMap<>()).merge(Libraries.packageOf(classes.get(evidence.className[row])), 1, Integer::sum);
        }
        markLoadedAsUnit(inventoryLibrary, libraryCount, lib -> isJdk(libraryNames.get(lib)));
        for (int i = 0; i < evidence.inventoryCount; i++) {
            int lib = inventoryLibrary[i];
            startupClasses[lib]++;
            classWeight[lib] += averageSize;
            packages.computeIfAbsent(lib, k -> new HashMap<>()).merge(Libraries.packageOf(classes.get(evidence.inventoryClass[i])), 1, Integer::sum);
        }
    }

    private void markLoadedAsUnit(int[] inventoryLibrary, int libraryCount, IntPredicate jdk) {
        // the JDK's classes come from other class loaders, listed apart: they neither start nor break a stretch
        Map<Integer, List<Integer>> stretches = new HashMap<>();
        int previous = -1, length = 0;
        for (int i = 0; i <= inventoryLibrary.length; i++) {
            int lib = i < inventoryLibrary.length ? inventoryLibrary[i] : -1;
            if (lib >= 0 && jdk.test(lib)) continue;
            if (lib == previous) {
                length++;
                continue;
            }
            if (previous >= 0) stretches.computeIfAbsent(previous, k -> new ArrayList<>()).add(length);
            previous = lib;
            length = 1;
        }
        stretches.forEach((lib, lengths) -> {
            lengths.sort(Comparator.reverseOrder());
            long total = lengths.stream().mapToLong(Integer::longValue).sum();
            long largest = lengths.stream().limit(UNIT_STRETCHES).mapToLong(Integer::longValue).sum();
            if (largest >= UNIT_SHARE * total) loadedAsUnit.set(lib);
        });
    }

    static boolean isJdk(String library) {
        return library.startsWith("java.") || library.startsWith("jdk.");
    }

    /** Each load's own time: its duration minus the loads nested in it on the same thread. */
    private static long[] selfTimes(StartupEvidence evidence) {
        int n = evidence.classCount;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> evidence.loadThread[i])
                .thenComparingLong(i -> evidence.loadTime[i])
                .thenComparing(Comparator.<Integer>comparingLong(i -> evidence.loadDuration[i]).reversed()));
        long[] self = new long[n];
        int[] open = new int[n];
        int depth = 0;
        for (int k = 0; k < n; k++) {
            int row = order[k];
            self[row] = evidence.loadDuration[row];
            while (depth > 0) {
                int outer = open[depth - 1];
                boolean inside = evidence.loadThread[outer] == evidence.loadThread[row]
                        && evidence.loadTime[row] + evidence.loadDuration[row] <= evidence.loadTime[outer] + evidence.loadDuration[outer];
                if (inside) break;
                depth--;
            }
            if (depth > 0) self[open[depth - 1]] -= evidence.loadDuration[row];
            open[depth++] = row;
        }
        for (int i = 0; i < n; i++) self[i] = Math.max(0, self[i]);
        return self;
    }
}
