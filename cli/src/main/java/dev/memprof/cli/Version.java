package dev.memprof.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Maven filtered into {@code version.properties}. */
final class Version implements CommandLine.IVersionProvider {
    static String get() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[]{"memprof " + get(), "JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version()};
    }
}
