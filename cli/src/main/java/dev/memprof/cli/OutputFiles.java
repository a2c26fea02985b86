package dev.memprof.cli;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/** Output files are written under a temporary name and renamed when complete, never overwritten without --force. */
final class OutputFiles {
    private OutputFiles() {}

    /** Fails with a one-line error when {@code file} exists (and --force was not given) or its folder is missing. */
    static void checkWritable(Path file, boolean force) {
        if (Files.exists(file) && !force) throw new UserError(file + " already exists; use --force to overwrite it");
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) throw new UserError("folder " + folder + " does not exist");
    }

    /** Writes text, in UTF-8. */
    static void write(Path file, boolean force, Consumer<Writer> content) {
        writeBytes(file, force, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            content.accept(writer);
            try {
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Writes bytes (pprof's gzip'ed protobuf). */
    static void writeBytes(Path file, boolean force, Consumer<OutputStream> content) {
        checkWritable(file, force);
        Path part = file.resolveSibling("." + file.getFileName() + ".part");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
                content.accept(out);
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(part);
            throw new UserError("cannot write " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(part);
            throw e;
        }
    }

    /** A report to {@code target}, or to stdout when it is null; says where it went (unless --quiet). */
    static void writeOrPrint(Path target, boolean force, picocli.CommandLine.Model.CommandSpec spec, Consumer<Writer> content) {
        if (target == null) {
            PrintWriter out = spec.commandLine().getOut();
            content.accept(out);
            out.flush();
        } else {
            write(target, force, content);
            saidWritten(spec, target);
        }
    }

    /** "memprof report: wrote FILE" on stderr, unless --quiet. */
    static void saidWritten(picocli.CommandLine.Model.CommandSpec spec, Path target) {
        if (!Main.quiet) spec.commandLine().getErr().println(spec.qualifiedName(" ") + ": wrote " + target);
    }

    private static void deleteQuietly(Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException ignored) {
            // a leftover .part file is harmless; the real output was never replaced
        }
    }
}
