package dev.memprof.cli;

import picocli.codegen.docgen.manpage.ManPageGenerator;

import java.io.File;
import java.io.IOException;

/**
 * Build tool, not a test: writes memprof's man pages (AsciiDoc, as picocli-codegen's ManPageGenerator makes them from
 * the command model: one page per command) into the folder given, {@code target/man} at build time (cli/pom.xml).
 * {@code asciidoctor -b manpage target/man/memprof.adoc} makes the troff page.
 */
public final class ManPages {
    private ManPages() {}

    public static void main(String[] args) throws IOException {
        File folder = new File(args[0]);
        if (!folder.isDirectory() && !folder.mkdirs()) throw new IOException("cannot create " + folder);
        int code = ManPageGenerator.generateManPage(folder, null, new boolean[1], false, Main.commandLine("").getCommandSpec());
        if (code != 0) throw new IOException("ManPageGenerator failed with " + code);
    }
}
