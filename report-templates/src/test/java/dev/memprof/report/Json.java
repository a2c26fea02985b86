package dev.memprof.report;

import dev.memprof.analysis.util.JsonStrings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Just enough JSON for the DevTools protocol: maps, lists, strings, numbers (as double), booleans, null. */
final class Json {
    private final String s;
    private int i;

    private Json(String s) {
        this.s = s;
    }

    static Object parse(String text) {
        return new Json(text).value();
    }

    static String write(Object value) {
        if (value == null) return "null";
        if (value instanceof String str) return quote(str);
        if (value instanceof Number || value instanceof Boolean) return value.toString();
        StringBuilder out = new StringBuilder();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.append(out.length() == 0 ? "{" : ",").append(quote(k.toString())).append(':').append(write(v)));
            return out.length() == 0 ? "{}" : out.append('}').toString();
        }
        for (Object v : (List<?>) value) out.append(out.length() == 0 ? "[" : ",").append(write(v));
        return out.length() == 0 ? "[]" : out.append(']').toString();
    }

    private static String quote(String str) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : str.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }

    private Object value() {
        skipSpace();
        char c = s.charAt(i);
        if (c == '{') {
            Map<String, Object> map = new LinkedHashMap<>();
            i++;
            while (next() != '}') {
                i--;
                String key = (String) value();
                next(); // ':'
                map.put(key, value());
                if (next() != ',') i--;
            }
            return map;
        }
        if (c == '[') {
            List<Object> list = new ArrayList<>();
            i++;
            while (next() != ']') {
                i--;
                list.add(value());
                if (next() != ',') i--;
            }
            return list;
        }
        if (c == '"') return string();
        for (String word : new String[]{"true", "false", "null"}) {
            if (s.startsWith(word, i)) {
                i += word.length();
                return word.equals("null") ? null : Boolean.valueOf(word);
            }
        }
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
        return Double.parseDouble(s.substring(start, i));
    }

    private String string() {
        StringBuilder out = new StringBuilder();
        i = JsonStrings.decode(s, i, out);
        return out.toString();
    }

    /** The next character that is not white space, consumed. */
    private char next() {
        skipSpace();
        return s.charAt(i++);
    }

    private void skipSpace() {
        while (Character.isWhitespace(s.charAt(i))) i++;
    }
}
