package dev.memprof.analysis;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Which library a class comes from: a jar by its file name (also nested in Spring Boot fat jars), a
 * JDK module by name, an application's classes directory. Built from the code sources the memprof
 * agent records ({@code memprof.ClassSource}) and the modules JFR knows.
 */
public final class Libraries {
    public static final String UNKNOWN = "unknown";
    private final Map<String, String> byClass = new HashMap<>();
    private final Map<String, String> byPackage = new HashMap<>();

    /** Records where a class was loaded from (a code source URL or {@code jrt:/module}). */
    public void classSource(String className, String location) {
        String library = nameOf(location);
        if (library == null || className == null) return;
        byClass.put(className, library);
        byPackage.putIfAbsent(packageOf(className), library);
    }

    public boolean isEmpty() {
        return byClass.isEmpty();
    }

    /**
     * The library of a class: its named module when JFR gave one, else its recorded code source, else
     * that of the class that generated it (lambdas, proxies, CGLIB), else its package's, else - when
     * the recording has no code sources - its package.
     */
    public String libraryOf(String className, String moduleName) {
        if (moduleName != null && !moduleName.isEmpty()) return moduleName;
        String library = byClass.get(className);
        if (library != null) return library;
        String host = hostOf(className);
        if (host != null && (library = byClass.get(host)) != null) return library;
        String pkg = packageOf(host != null ? host : className);
        library = byPackage.get(pkg);
        if (library != null) return library;
        return pkg.isEmpty() ? UNKNOWN : pkg + ".*";
    }

    /** The class that defined a generated class: {@code Foo$$Lambda$14/0x..} -> {@code Foo}. */
    static String hostOf(String className) {
        int cut = -1;
        for (String marker : new String[]{"$$", "/0x", "+0x"}) {
            int at = className.indexOf(marker);
            if (at > 0 && (cut < 0 || at < cut)) cut = at;
        }
        return cut > 0 ? className.substring(0, cut) : null;
    }

    public static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot > 0 ? className.substring(0, dot) : "";
    }

    /**
     * A library's display name from a code source location: {@code file:/x/foo-1.2.jar} and
     * {@code jar:nested:/app.jar/!BOOT-INF/lib/foo-1.2.jar!/} give {@code foo-1.2.jar},
     * {@code jrt:/java.sql} gives {@code java.sql}, a classes directory gives its last folders.
     */
    public static String nameOf(String location) {
        if (location == null || location.isEmpty()) return null;
        if (location.startsWith("jrt:/")) return location.substring(5);
        String path = location;
        if (path.startsWith("jar:")) {
            // Spring Boot 3.2+ writes "nested:/app.jar/!BOOT-INF/..." where older forms write "file:/app.jar!/BOOT-INF/..."
            if (path.startsWith("jar:nested:")) path = path.replace("/!", "!/");
            // innermost entry: ".../app.jar!/BOOT-INF/lib/foo.jar!/" -> "BOOT-INF/lib/foo.jar"
            String[] parts = path.substring(4).split("!/");
            String last = parts[parts.length - 1];
            for (int i = parts.length - 1; i >= 0; i--) {
                if (!parts[i].isEmpty() && !parts[i].equals("/")) { last = parts[i]; break; }
            }
            // a fat jar's own classes belong to the fat jar
            if (parts.length > 1 && (last.startsWith("BOOT-INF/classes") || last.startsWith("WEB-INF/classes"))) last = parts[0];
            path = last;
        }
        // drop a URL scheme ("file:", "nested:") but not a colon inside the path
        int colon = path.indexOf(':');
        if (colon >= 0 && colon < path.indexOf('/')) path = path.substring(colon + 1);
        boolean directory = path.endsWith("/");
        String trimmed = directory ? path.substring(0, path.length() - 1) : path;
        if (trimmed.endsWith("/")) trimmed = trimmed.substring(0, trimmed.length() - 1);
        String[] segments = trimmed.split("/");
        String name = segments[segments.length - 1];
        if (!directory) return decode(name);
        // a classes folder: name it by the project folder around it, as a user would
        int keep = Math.min(2, segments.length);
        for (int i = segments.length - 1; i >= 1; i--) { // Maven's proj/target/classes, Gradle's proj/build/classes/java/main
            if (segments[i].equals("target") || segments[i].equals("build")) {
                keep = segments.length - i + 1;
                break;
            }
        }
        return decode(String.join("/", Arrays.copyOfRange(segments, segments.length - keep, segments.length)) + "/");
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
