package dev.memprof.agent;

import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;

/**
 * memprof's agent inside the target JVM: records where each class came from, as {@code memprof.ClassSource}
 * events, at load and as an inventory of the classes loaded before a recording started. It uses only the JDK,
 * never changes bytecode and never throws into the target.
 * <p>
 * Arguments: none ({@code -javaagent}, memprof run); {@code startup=<file>} (memprof run with a startup rule: when
 * memprof writes that file, the agent records its content as a {@code memprof.Startup} event); {@code startup-gc=<file>}
 * (memprof check: the same, then a full GC so the heap after it is what startup retains; it writes {@code <file>.done}
 * after); {@code live-set-gc} (memprof run, before the others and a comma: a full GC now and then from startup's end,
 * or from now without a startup rule, see {@link LiveSetGc});
 * {@code recording=<name>}
 * (memprof attach: the agent removes itself when that recording stops, even if memprof is gone by then); {@code stop}
 * (remove it now).
 */
public final class Agent {
    private static Instrumentation instrumentation;
    private static ClassFileTransformer transformer;
    private static FlightRecorderListener listener;
    private static volatile String recordingName;
    /** Enabled check without allocating; also loads the event class before the transformer exists. */
    private static ClassSourceEvent probe;
    /** Committing an event may load classes; their load events must not nest inside that commit. */
    private static final ThreadLocal<Boolean> EMITTING = ThreadLocal.withInitial(() -> false);

    private Agent() {}

    public static void premain(String args, Instrumentation inst) {
        agentmain(args, inst);
    }

    public static synchronized void agentmain(String args, Instrumentation inst) {
        try {
            if ("stop".equals(args)) {
                uninstall();
                return;
            }
            boolean liveSetGc = args != null && args.startsWith("live-set-gc");
            if (liveSetGc) args = args.substring(Math.min(args.length(), "live-set-gc,".length()));
            recordingName = args != null && args.startsWith("recording=") ? args.substring("recording=".length()) : null;
            if (args != null && args.startsWith("startup=")) {
                // the live-set GCs from startup's end: the trend leaves startup out, and a full GC every second or
                // two while a heap is built cost the Spring Boot sample ~15 CPU-s of its start
                Runnable afterMark = liveSetGc ? LiveSetGc::start : () -> { };
                StartupMarker.watch(Path.of(args.substring("startup=".length())), false, afterMark);
            } else if (liveSetGc) {
                LiveSetGc.start();
            }
            if (args != null && args.startsWith("startup-gc=")) {
                StartupMarker.watch(Path.of(args.substring("startup-gc=".length())), true, () -> { });
            }
            if (transformer != null) return; // a later attach: the listener took the new recording's inventory
            instrumentation = inst;
            probe = new ClassSourceEvent();
            probe.isEnabled();
            listener = new FlightRecorderListener() {
                @Override
                public void recordingStateChanged(Recording recording) {
                    try {
                        RecordingState state = recording.getState();
                        if (state == RecordingState.RUNNING) {
                            inventory();
                        } else if ((state == RecordingState.STOPPED || state == RecordingState.CLOSED)
                                && recording.getName().equals(recordingName)) {
                            uninstall();
                        }
                    } catch (Throwable ignored) {
                        // never into the target
                    }
                }
            };
            transformer = new ClassFileTransformer() {
                @Override
                public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                                        ProtectionDomain domain, byte[] bytes) {
                    if (redefined == null && className != null && probe.isEnabled() && !EMITTING.get()) {
                        EMITTING.set(true);
                        try {
                            emit(className.replace('/', '.'), module, loader, domain, bytes == null ? 0 : bytes.length);
                        } catch (Throwable ignored) {
                            // never into the target
                        } finally {
                            EMITTING.set(false);
                        }
                    }
                    return null;
                }
            };
            inst.addTransformer(transformer, false);
            FlightRecorder.addListener(listener);
            // Checked without starting JFR in a target that has none.
            if (FlightRecorder.isInitialized() && FlightRecorder.getFlightRecorder().getRecordings().stream()
                    .anyMatch(r -> r.getState() == RecordingState.RUNNING)) {
                inventory();
            }
        } catch (Throwable ignored) {
            // never into the target: without the agent memprof still records, with less detail
        }
    }

    private static synchronized void uninstall() {
        if (transformer != null) instrumentation.removeTransformer(transformer);
        if (listener != null) FlightRecorder.removeListener(listener);
        transformer = null;
        listener = null;
    }

    private static void inventory() {
        Instrumentation inst = instrumentation;
        if (inst == null || !probe.isEnabled()) return;
        EMITTING.set(true);
        try {
            for (Class<?> c : inst.getAllLoadedClasses()) {
                // hidden classes (lambdas, proxies) never pass the transformer either
                if (c.isArray() || c.isPrimitive() || c.isHidden()) continue;
                try {
                    emit(c.getName(), c.getModule(), c.getClassLoader(), c.getProtectionDomain(), -1);
                } catch (Throwable ignored) {
                    // one odd class must not end the inventory
                }
            }
        } finally {
            EMITTING.set(false);
        }
    }

    /** {@code size} is the class file's length, or -1 for the inventory of classes loaded before the recording. */
    private static void emit(String className, Module module, ClassLoader loader, ProtectionDomain domain, int size) {
        ClassSourceEvent event = new ClassSourceEvent();
        event.className = className;
        event.location = location(module, domain);
        event.loader = loader == null ? null : loader.getName() != null ? loader.getName() : loader.getClass().getName();
        event.inventory = size < 0;
        event.size = Math.max(0, size);
        event.commit();
    }

    private static String location(Module module, ProtectionDomain domain) {
        CodeSource source = domain == null ? null : domain.getCodeSource();
        if (source != null && source.getLocation() != null) return source.getLocation().toString();
        if (module != null && module.isNamed()) return "jrt:/" + module.getName();
        return null;
    }
}
