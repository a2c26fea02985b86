/**
 * The {@code memprof} command (Picocli): {@link dev.memprof.cli.Main} lists the commands, one class per command
 * ({@code RunCommand}, {@code AttachCommand}, {@code ReportCommand}, {@code DiffCommand}, {@code CheckCommand},
 * {@code PsCommand}, {@code DemoCommand}); options shared by recording commands; what memprof appends to a recording
 * ({@link dev.memprof.cli.FindingsChunk}); exit codes and the one-line errors in {@link dev.memprof.cli.ExitCode}.
 * <p>
 * Words: <em>recording</em> (the .jfr, the whole truth); <em>report</em> (what a renderer makes of it);
 * <em>finding</em> (what memprof learned outside JFR, kept in the recording); <em>user error</em> (bad input: one line,
 * exit 2).
 */
package dev.memprof.cli;
