package dev.memprof.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The jars a {@code java} command line packages: {@code -jar}'s jar (and the jars nested in a Spring Boot jar's
 * {@code BOOT-INF/lib} or a war's {@code WEB-INF/lib}), or the class path's jars ({@code dir/*} included). Named by the
 * same locations the agent records for classes, so the report can tell which of them no class was loaded from.
 */
final class PackagedJars {
    /** @param location a code-source location ({@code file:/x/a.jar}, {@code jar:nested:/x/app.jar/!BOOT-INF/lib/a.jar!/}) */
    record Jar(String location, long bytes) {}

    private PackagedJars() {}

    static List<Jar> of(List<String> javaCommand) {
        List<Jar> jars = new ArrayList<>();
        String classPath = null;
        for (int i = 1; i < javaCommand.size() - 1; i++) {
            String word = javaCommand.get(i);
            if (word.equals("-jar")) return nested(Path.of(javaCommand.get(i + 1)).toAbsolutePath(), jars);
            if (word.equals("-cp") || word.equals("-classpath") || word.equals("--class-path")) classPath = javaCommand.get(++i);
            else if (!word.startsWith("-")) break; // the main class: the rest are the app's arguments
        }
        if (classPath == null) classPath = System.getenv("CLASSPATH");
        if (classPath == null) return jars;
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.endsWith("*")) {
                Path dir = Path.of(entry.substring(0, entry.length() - 1).isEmpty() ? "." : entry.substring(0, entry.length() - 1));
                try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, "*.{jar,JAR}")) {
                    for (Path jar : found) add(jar, jars);
                } catch (IOException | RuntimeException ignored) {
                    // not a folder the JVM will read either
                }
            } else if (entry.endsWith(".jar") || entry.endsWith(".JAR")) {
                add(Path.of(entry), jars);
            }
        }
        return jars;
    }

    private static void add(Path jar, List<Jar> jars) {
        try {
            if (Files.isRegularFile(jar)) jars.add(new Jar(jar.toAbsolutePath().toUri().toString(), Files.size(jar)));
        } catch (IOException ignored) {
            // gone: nothing the app can load from it
        }
    }

    /** A fat jar's nested libraries, else the jar itself. */
    private static List<Jar> nested(Path jar, List<Jar> jars) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if ((name.startsWith("BOOT-INF/lib/") || name.startsWith("WEB-INF/lib/")) && name.endsWith(".jar") && !entry.isDirectory()) {
                    jars.add(new Jar("jar:nested:" + jar.toUri().getRawPath() + "/!" + name + "!/", Math.max(0, entry.getSize())));
                }
            }
        } catch (IOException | RuntimeException e) {
            return jars; // not a jar: the JVM will say so
        }
        if (jars.isEmpty()) add(jar, jars);
        return jars;
    }
}
