package dev.memprof.cli;

import dev.memprof.recorder.AsyncProfiler;
import picocli.CommandLine.Option;

/** What records allocations, for attach and run: JFR (default) or async-profiler, with or without native memory. */
final class EngineOptions {
    enum Engine { JFR, ASYNC_PROFILER }

    @Option(names = "--engine", paramLabel = "ENGINE", converter = EngineConverter.class,
            description = "What samples allocations: jfr (default; the JDK's own, nothing loaded) or async-profiler "
                    + "(its native agent, loaded into the target; Linux x64/arm64, macOS).")
    Engine engine;

    @Option(names = "--native", description = "Also record native memory (every malloc and free; async-profiler's "
            + "nativemem): `memprof report --view native` shows it. Implies --engine async-profiler.")
    boolean nativeMemory;

    /** async-profiler, its library extracted, or null for JFR; a usage error when asked for what cannot be. */
    AsyncProfiler asyncProfiler() {
        if (nativeMemory && engine == Engine.JFR) throw new UserError("--native needs --engine async-profiler (JFR cannot see malloc)");
        if (engine != Engine.ASYNC_PROFILER && !nativeMemory) return null;
        return AsyncProfiler.forThisPlatform(nativeMemory);
    }

    /** "jfr" and "async-profiler", as users type them. */
    static final class EngineConverter extends WordConverter<Engine> {
        EngineConverter() {
            super("an engine", "jfr", Engine.JFR, "async-profiler", Engine.ASYNC_PROFILER);
        }
    }
}
