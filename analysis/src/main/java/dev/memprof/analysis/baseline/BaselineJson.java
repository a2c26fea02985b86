package dev.memprof.analysis.baseline;

import dev.memprof.analysis.RecordingException;
import dev.memprof.analysis.util.JsonStrings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The baseline file: small JSON, keys sorted, numbers plain, one library per line, so a change reads well in a diff.
 * Only numbers: the evidence of what grew (import chains) comes from the new measurement, not from the file.
 * The reader accepts only this shape (objects of numbers, strings and objects), with clear errors.
 */
public final class BaselineJson {
    public static final int VERSION = 1;

    private BaselineJson() {}

    public static String write(Baseline baseline) {
        StringBuilder out = new StringBuilder("{\n  \"memprofBaseline\": " + VERSION + ",\n  \"metrics\": {");
        join(out, baseline.metrics(), "\n    ");
        out.append("\n  },\n  \"libraries\": {");
        String comma = "";
        for (Map.Entry<String, TreeMap<String, Long>> lib : baseline.libraries().entrySet()) {
            out.append(comma).append("\n    ").append(quote(lib.getKey())).append(": {");
            join(out, lib.getValue(), " ");
            out.append(" }");
            comma = ",";
        }
        out.append("\n  },\n  \"packages\": {");
        join(out, baseline.packages(), "\n    ");
        out.append("\n  },\n  \"holders\": {");
        join(out, baseline.holders(), "\n    ");
        return out.append("\n  }\n}\n").toString();
    }

    private static void join(StringBuilder out, Map<String, Long> numbers, String separator) {
        String comma = "";
        for (Map.Entry<String, Long> e : numbers.entrySet()) {
            out.append(comma).append(separator).append(quote(e.getKey())).append(": ").append(e.getValue());
            comma = ",";
        }
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') q.append('\\').append(c);
            else if (c < 0x20 || c == 0x2028 || c == 0x2029) q.append(String.format("\\u%04x", (int) c));
            else q.append(c);
        }
        return q.append('"').toString();
    }

    public static Baseline read(Path file) throws RecordingException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RecordingException(file + ": no such baseline file (write one with --update-baseline)");
        } catch (IOException e) {
            throw new RecordingException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        try {
            Parser parser = new Parser(text);
            Object value = parser.value();
            parser.end();
            if (!(value instanceof Map<?, ?> root) || !(root.get("memprofBaseline") instanceof Long version)) {
                throw new IllegalArgumentException("no \"memprofBaseline\" version");
            }
            if (version != VERSION) throw new IllegalArgumentException("version " + version + ", this memprof reads " + VERSION);
            TreeMap<String, Long> metrics = numbers(root.get("metrics"), "metrics");
            TreeMap<String, TreeMap<String, Long>> libraries = new TreeMap<>();
            for (Map.Entry<String, Object> lib : object(root.get("libraries"), "libraries").entrySet()) {
                libraries.put(lib.getKey(), numbers(lib.getValue(), lib.getKey()));
            }
            TreeMap<String, Long> packages = root.get("packages") == null ? new TreeMap<>() : numbers(root.get("packages"), "packages");
            TreeMap<String, Long> holders = root.get("holders") == null ? new TreeMap<>() : numbers(root.get("holders"), "holders");
            return new Baseline(metrics, libraries, packages, new TreeMap<>(), holders);
        } catch (IllegalArgumentException e) {
            throw new RecordingException(file + " is not a memprof baseline: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static TreeMap<String, Object> object(Object value, String what) {
        if (!(value instanceof TreeMap<?, ?> map)) throw new IllegalArgumentException("\"" + what + "\" is not an object");
        return (TreeMap<String, Object>) map;
    }

    private static TreeMap<String, Long> numbers(Object value, String what) {
        TreeMap<String, Long> numbers = new TreeMap<>();
        object(value, what).forEach((k, v) -> {
            if (!(v instanceof Long n)) throw new IllegalArgumentException("\"" + what + "." + k + "\" is not a whole number");
            numbers.put(k, n);
        });
        return numbers;
    }

    /** JSON objects (as sorted maps), strings, whole numbers, true/false/null; depth-limited. */
    private static final class Parser {
        private final String s;
        private int i, depth;

        Parser(String s) { this.s = s; }

        Object value() {
            skip();
            if (i >= s.length()) throw new IllegalArgumentException("unexpected end");
            char c = s.charAt(i);
            if (c == '{') return object();
            if (c == '"') return string();
            if (c == '-' || Character.isDigit(c)) return number();
            for (String word : new String[]{"true", "false", "null"}) {
                if (s.startsWith(word, i)) {
                    i += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            throw new IllegalArgumentException("unexpected '" + c + "' at offset " + i);
        }

        private Map<String, Object> object() {
            if (++depth > 8) throw new IllegalArgumentException("nested too deep");
            TreeMap<String, Object> map = new TreeMap<>();
            i++;
            skip();
            if (peek() == '}') { i++; depth--; return map; }
            while (true) {
                skip();
                if (peek() != '"') throw new IllegalArgumentException("expected a key at offset " + i);
                String key = string();
                skip();
                if (peek() != ':') throw new IllegalArgumentException("expected ':' at offset " + i);
                i++;
                map.put(key, value());
                skip();
                char c = peek();
                i++;
                if (c == '}') { depth--; return map; }
                if (c != ',') throw new IllegalArgumentException("expected ',' or '}' at offset " + (i - 1));
            }
        }

        private String string() {
            StringBuilder out = new StringBuilder();
            i = JsonStrings.decode(s, i, out);
            return out.toString();
        }

        private Long number() {
            int start = i;
            if (peek() == '-') i++;
            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                throw new IllegalArgumentException("not a whole number at offset " + start);
            }
            try {
                return Long.parseLong(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad number at offset " + start);
            }
        }

        private char peek() {
            if (i >= s.length()) throw new IllegalArgumentException("unexpected end");
            return s.charAt(i);
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        void end() {
            skip();
            if (i != s.length()) throw new IllegalArgumentException("text after the end at offset " + i);
        }
    }
}
