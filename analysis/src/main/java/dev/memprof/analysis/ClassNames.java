package dev.memprof.analysis;

import java.util.regex.Pattern;

/** Class names as a Java developer writes them: {@code [B} is {@code byte[]}, {@code [Ljava.lang.String;} is {@code java.lang.String[]}. */
public final class ClassNames {
    private ClassNames() {}

    private static final Pattern GENERATED_SUFFIX = Pattern.compile("(\\$\\$Lambda)(\\$\\d+)?|[/+.]0x[0-9a-fA-F]+(\\.\\d+)?");

    /**
     * A hidden or generated class's name without the parts that change from run to run:
     * {@code Foo$$Lambda$83+0x00007f0040007c18.992802731} and {@code Foo$$Lambda/0x000001} are both
     * {@code Foo$$Lambda} (async-profiler writes {@code Foo$$Lambda$1.0x00007f1ae0000c18}), so their frames merge in a
     * flamegraph and compare across recordings.
     */
    public static String stable(String name) {
        if (name == null || (name.indexOf("0x") < 0 && name.indexOf("$$Lambda") < 0)) return name;
        return GENERATED_SUFFIX.matcher(name).replaceAll("$1");
    }

    public static String readable(String name) {
        if (name == null || !name.startsWith("[")) return name;
        int dims = 0;
        while (dims < name.length() && name.charAt(dims) == '[') dims++;
        String element = name.substring(dims);
        String base = switch (element) {
            case "Z" -> "boolean";
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            default -> element.startsWith("L") && element.endsWith(";")
                    ? element.substring(1, element.length() - 1) : element;
        };
        return base + "[]".repeat(dims);
    }
}
