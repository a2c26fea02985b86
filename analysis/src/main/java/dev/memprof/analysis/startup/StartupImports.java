package dev.memprof.analysis.startup;

import dev.memprof.analysis.FrameTable;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Who loaded each library at startup, from the stacks of its class loads: the import that loaded the bulk of its
 * classes (a class-presence probe that loads one class is not where a library comes from), the application code on
 * that path worth changing, and which libraries drive startup (their code, on the stack, loaded the application's
 * classes or those of several other libraries: a framework's context, an ORM's bootstrap, a web server; never advice).
 */
final class StartupImports {
    /** A library that loaded classes of this many other libraries at startup drives it, as one that loaded the app's does. */
    static final int DRIVES_FROM = 3;
    private static final int CHAIN_FRAMES = 8;

    /**
     * The import of a library: its loads grouped by the frame that called into it.
     *
     * @param caller   the last frame outside the library before its first frame (or the innermost, when none of its
     *                 frames is on the stack), -1 when no frame outside the JDK was
     * @param loads    the library's startup class loads through that caller; {@code ofAll} through any
     * @param row      a class load through it, whose stack is the chain
     */
    record Import(int caller, int loads, int ofAll, int row) {}

    private final StartupEvidence evidence;
    private final FrameTable frames;
    private final IntPredicate jdk;
    private final Import[] imports;
    private final BitSet[] drove;
    private final boolean[] drovesApp;

    /**
     * @param classLibrary each class-load row's library; {@code counted} the rows that are startup loads of the app's
     * @param jdk          whether a library is the JDK's (its frames are skipped, as a user cannot change them)
     */
    StartupImports(StartupEvidence evidence, FrameTable frames, int[] classLibrary, BitSet counted, int libraryCount,
                   int app, IntPredicate jdk) {
        this.evidence = evidence;
        this.frames = frames;
        this.jdk = jdk;
        this.imports = new Import[libraryCount];
        this.drove = new BitSet[libraryCount];
        this.drovesApp = new boolean[libraryCount];
        Map<Long, int[]> byCaller = new HashMap<>(); // (library, caller) -> {loads, first row}
        int[] all = new int[libraryCount];
        for (int row = counted.nextSetBit(0); row >= 0; row = counted.nextSetBit(row + 1)) {
            int library = classLibrary[row], caller = -1;
            for (int frame : evidence.stacks.framesRootFirst(evidence.loadStack[row])) {
                int lib = frames.library(frame);
                if (lib == library) break;
                if (jdk.test(lib) || frames.name(frame).equals(FrameTable.NO_STACK)) continue;
                caller = frame;
                if (drove[lib] == null) drove[lib] = new BitSet();
                if (!jdk.test(library)) drove[lib].set(library);
                if (library == app) drovesApp[lib] = true;
            }
            all[library]++;
            int[] group = byCaller.computeIfAbsent(((long) library << 32) | (caller & 0xffffffffL), k -> new int[]{0, -1});
            group[0]++;
            if (group[1] < 0) group[1] = row;
        }
        byCaller.forEach((key, group) -> {
            int library = (int) (key >>> 32), caller = (int) (long) key;
            Import best = imports[library];
            if (best == null || group[0] > best.loads() || (group[0] == best.loads() && caller >= 0 && best.caller() < 0)) {
                imports[library] = new Import(caller, group[0], all[library], group[1]);
            }
        });
    }

    /** The import of most of a library's startup classes, or null when none was loaded at startup. */
    Import importOf(int library) {
        return imports[library];
    }

    /** Whether a library drives startup: its code loaded the app's classes, or those of several other libraries. */
    boolean drivesStartup(int library) {
        return drovesApp[library] || (drove[library] != null && drove[library].cardinality() - (drove[library].get(library) ? 1 : 0) >= DRIVES_FROM);
    }

    /** The library whose frame called into {@code library} for most of its classes, or -1. */
    int importer(int library) {
        Import i = imports[library];
        return i == null || i.caller() < 0 ? -1 : frames.library(i.caller());
    }

    /**
     * The import chain: the frames of the bulk import's stack, outermost first, without JDK frames, up to the library's
     * own first frame; the last {@value #CHAIN_FRAMES}, the ones closest to the import.
     */
    List<String> chain(int library) {
        Import i = imports[library];
        if (i == null) return List.of();
        List<String> chain = new ArrayList<>();
        for (int frame : evidence.stacks.framesRootFirst(evidence.loadStack[i.row()])) {
            if (jdk.test(frames.library(frame)) || frames.name(frame).equals(FrameTable.NO_STACK)) continue;
            chain.add(frames.name(frame));
            if (frames.library(frame) == library) break;
        }
        return chain.size() <= CHAIN_FRAMES ? chain : List.copyOf(chain.subList(chain.size() - CHAIN_FRAMES, chain.size()));
    }

    /**
     * Where to change the code so that the library loads later: the application's frame on the bulk import's path
     * (outermost of the run of application frames nearest the library), with the frame that called it (a dependency
     * injection container creating a bean, a static initialiser, plain code), or the framework frame that imported it.
     *
     * @return {@code {site, creator}} frame names ({@code creator} may be null), or null when the stack tells nothing
     */
    String[] site(int library, int app) {
        Import i = imports[library];
        if (i == null) return null;
        int[] stack = evidence.stacks.framesRootFirst(evidence.loadStack[i.row()]);
        int entry = stack.length;
        for (int k = 0; k < stack.length; k++) {
            if (frames.library(stack[k]) == library) {
                entry = k;
                break;
            }
        }
        int innermostApp = -1;
        for (int k = entry - 1; k >= 0 && innermostApp < 0; k--) if (frames.library(stack[k]) == app) innermostApp = k;
        if (innermostApp < 0) return i.caller() < 0 ? null : new String[]{frames.name(i.caller()), null};
        int outermost = innermostApp;
        for (int k = innermostApp - 1; k >= 0; k--) {
            int lib = frames.library(stack[k]);
            if (lib == app) outermost = k;
            else if (!jdk.test(lib)) break; // reflection frames between a container and the bean are the JDK's
        }
        String creator = null;
        for (int k = outermost - 1; k >= 0 && creator == null; k--) if (!jdk.test(frames.library(stack[k]))) creator = frames.name(stack[k]);
        return new String[]{frames.name(stack[outermost]), creator};
    }
}
