package dev.memprof.analysis;

/** Class names as a Java developer writes them: {@code [B} is {@code byte[]}, {@code [Ljava.lang.String;} is {@code java.lang.String[]}. */
public final class ClassNames {
    private ClassNames() {}

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
