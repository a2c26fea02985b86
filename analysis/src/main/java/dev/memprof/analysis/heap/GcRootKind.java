package dev.memprof.analysis.heap;

/** The kinds of GC root a heap dump names (HPROF's ROOT_* sub-records); OTHER gathers Android's extra kinds. */
public enum GcRootKind {
    UNKNOWN, JNI_GLOBAL, JNI_LOCAL, JAVA_FRAME, NATIVE_STACK, STICKY_CLASS, THREAD_BLOCK, MONITOR_USED, THREAD_OBJECT,
    OTHER
}
