package dev.memprof.analysis;

import java.util.Arrays;

/**
 * Frames ({@code package.Class.method}) interned once, each with the class it belongs to and, once
 * the recording is read, the library (jar or JDK module) that class came from.
 */
public final class FrameTable {
    /** The one frame (and its class) of a sample recorded without a stack trace. */
    public static final String NO_STACK = "[no stack trace]";
    private final StringTable names = new StringTable();
    private int[] className = new int[256];
    private int[] library = new int[256];

    /** Interns a frame; {@code classId} indexes the profile's class-name table. */
    int intern(String name, int classId) {
        int id = names.intern(name);
        if (id == className.length) {
            className = Arrays.copyOf(className, id * 2);
            library = Arrays.copyOf(library, id * 2);
        }
        className[id] = classId;
        return id;
    }

    void setLibrary(int frame, int libraryId) {
        library[frame] = libraryId;
    }

    public int size() { return names.size(); }
    public String name(int frame) { return names.get(frame); }
    public int find(String name) { return names.find(name); }
    public int classId(int frame) { return className[frame]; }
    public int library(int frame) { return library[frame]; }
}
