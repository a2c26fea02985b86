package dev.memprof.cli;

import dev.memprof.recorder.StartupRule;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** When a launched app counts as started (run, check): at most one rule; none means reports detect it. */
final class StartupOptions {
    @Option(names = "--startup", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Startup ends this long after the JVM starts, e.g. 20s.")
    Duration after;

    @Option(names = "--ready-when-log", paramLabel = "REGEX",
            description = "Startup ends at the app's first stdout/stderr line matching REGEX, e.g. 'Started .* in'.")
    String logRegex;

    @Option(names = "--ready-when-http", paramLabel = "URL",
            description = "Startup ends at the first 2xx answer from URL, e.g. http://localhost:8080/health.")
    String url;

    /** The rule given, or null (reports then take the moment class loading settles). */
    StartupRule rule() {
        int given = (after != null ? 1 : 0) + (logRegex != null ? 1 : 0) + (url != null ? 1 : 0);
        if (given > 1) throw new UserError("give one of --startup, --ready-when-log, --ready-when-http");
        if (after != null) return new StartupRule.AfterTime(after);
        if (logRegex != null) {
            try {
                return new StartupRule.LogLine(Pattern.compile(logRegex));
            } catch (PatternSyntaxException e) {
                throw new UserError("--ready-when-log: not a regular expression: " + e.getDescription());
            }
        }
        if (url != null) {
            try {
                URI uri = new URI(url);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) throw new IllegalArgumentException();
                return new StartupRule.HttpReady(uri);
            } catch (Exception e) {
                throw new UserError("--ready-when-http: not an http(s) URL: " + url);
            }
        }
        return null;
    }
}
