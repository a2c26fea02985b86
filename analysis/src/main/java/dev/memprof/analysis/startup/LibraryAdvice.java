package dev.memprof.analysis.startup;

import dev.memprof.analysis.Libraries;

import java.util.Locale;

/**
 * Advice an engineer can act on for a deferrable library: whether it is used after startup at all, where it comes
 * from (the import site: a bean, a bean method, a static initialiser, an auto-configuration), and what to change there.
 */
final class LibraryAdvice {
    private LibraryAdvice() {}

    /** The advice for library {@code lib}; {@code app} is the app's own library, or -1. */
    static String of(int lib, LibraryUse use, StartupClasses counts, StartupImports imports, int app) {
        boolean unused = use.samples[lib] == 0 && counts.laterClasses[lib] == 0;
        String seen = unused ? "not seen after startup" : use.samples[lib] == 0
                ? "rarely used after startup (in no sample, but it loaded " + counts.laterClasses[lib] + " more classes)"
                : String.format(Locale.ROOT, "rarely used after startup (in %.1f%% of the time)", use.share[lib] * 100);
        String[] site = imports.site(lib, app);
        String change;
        if (site == null) {
            change = "load it lazily where it is first needed, or drop the dependency";
        } else if (site[1] != null && isContainer(site[1]) && site[0].endsWith(".<init>")) {
            change = "bean " + site[0].substring(0, site[0].length() - ".<init>".length()) + " creates it at startup: make the bean lazy"
                    + " (@Lazy), or create what it needs where it is first used";
        } else if (site[1] != null && isContainer(site[1])) {
            change = "bean method " + site[0] + " creates it at startup: make it lazy (@Lazy), or create it where first needed";
        } else if (site[0].endsWith(".<clinit>")) {
            change = "the static initialiser of " + site[0].substring(0, site[0].length() - ".<clinit>".length())
                    + " loads it: initialise it on first use (a holder class)";
        } else if (Libraries.packageOf(site[0]).contains("autoconfigure") || site[0].contains("AutoConfiguration")) {
            String config = site[0].substring(0, site[0].lastIndexOf('.'));
            change = "auto-configuration " + config + " loads it: exclude it (spring.autoconfigure.exclude) if the app does not need it";
        } else {
            change = site[0] + " loads it: " + (unused ? "load it lazily there, where it is first needed, or drop the dependency"
                    : "defer that to the first use");
        }
        return seen + ": " + change;
    }

    /** A dependency-injection container's frame: it created the bean whose code is next on the stack. */
    private static boolean isContainer(String frame) {
        return frame.startsWith("org.springframework.beans.") || frame.startsWith("com.google.inject.")
                || frame.startsWith("org.jboss.weld.") || frame.startsWith("io.micronaut.context.");
    }
}
