package dev.memprof.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher names the reader's hot methods for C1 to inline; the JVM ignores a name that matches nothing (the
 * directives are quiet), so a renamed method would lose its inlining without a word: the names must exist.
 */
class LauncherFlagsTest {
    @Test
    void everyMethodTheLauncherInlinesExists() throws Exception {
        String launcher = Files.readString(Path.of("..", "memprof"));
        Matcher packageName = Pattern.compile("(?m)^jfr=(\\S+)$").matcher(launcher);
        assertTrue(packageName.find(), "the launcher's jfr= line");
        Matcher list = Pattern.compile("for method in ([^;]+); do\\s+flags\\+=\\(-XX:CompileCommand=inline").matcher(launcher);
        assertTrue(list.find(), "the launcher's list of methods to inline");
        String[] methods = list.group(1).trim().split("\\s+");
        assertEquals(5, methods.length, Arrays.toString(methods));
        for (String method : methods) {
            String[] parts = method.split("::");
            Class<?> type = Class.forName(packageName.group(1) + "." + parts[0]);
            assertTrue(Arrays.stream(type.getDeclaredMethods()).anyMatch(m -> m.getName().equals(parts[1])),
                    method + " is not a method of " + type.getName());
        }
        assertTrue(launcher.indexOf("CompileCommand=quiet") < launcher.indexOf("CompileCommand=inline"),
                "quiet comes first: otherwise the JVM echoes each directive on stdout");
    }
}
