package dev.memprof.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code memprof demo}: {@code memprof run} on a bundled sample with a known truth, then its reports. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Profile a bundled sample app for 3 s: write memprof-demo.jfr and its HTML report, print the summary.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "The recording to write (default: memprof-demo.jfr).")
    Path output;

    @Option(names = {"-f", "--force"}, description = "Overwrite existing outputs (the default outputs are always overwritten).")
    boolean force;

    @Override
    public Integer call() throws IOException {
        Path recording = output != null ? output : Path.of("memprof-demo.jfr");
        boolean overwrite = force || output == null; // the demo's own outputs are the demo's to replace
        OutputFiles.checkWritable(recording, overwrite);
        OutputFiles.checkWritable(Reports.derive(recording, "html"), overwrite);

        // a fixed file name: it is the library name the report shows for the sample's frames
        Path folder = Files.createTempDirectory("memprof-demo-");
        folder.toFile().deleteOnExit();
        Path samples = folder.resolve("memprof-samples.jar");
        samples.toFile().deleteOnExit(); // deleted before its folder: deleteOnExit runs in reverse order
        try (InputStream in = DemoCommand.class.getResourceAsStream("memprof-samples.jar")) {
            if (in == null) throw new UserError("this memprof was built without its samples; build it with mvn package");
            Files.copy(in, samples, StandardCopyOption.REPLACE_EXISTING);
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        PrintWriter out = spec.commandLine().getOut();
        out.println("memprof demo: recording a sample that allocates on 4 threads for 3 s (it prints its own exact counts at the end)");
        return RunCommand.record(List.of(java, "-cp", samples.toString(), "dev.memprof.samples.AllocationSites", "3"),
                recording, null, null, false, true, written -> {
                    var profile = Reports.read(written); // read once for both reports
                    out.println();
                    out.print(Reports.summary(profile));
                    out.println();
                    out.println("recording: " + written);
                    out.println("HTML report: " + Reports.writeHtml(profile, written, null, overwrite));
                });
    }
}
