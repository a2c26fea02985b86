package dev.memprof.analysis.util;

/** JSON string literals read back, for memprof's small JSON readers (baseline files; the tests' DevTools client). */
public final class JsonStrings {
    private JsonStrings() {}

    /**
     * Decodes the string whose opening quote is at {@code from} in {@code s} into {@code out}; returns the offset after
     * its closing quote. An unterminated string or a short {@code \\u} escape: an {@link IllegalArgumentException}.
     */
    public static int decode(String s, int from, StringBuilder out) {
        int i = from + 1;
        while (true) {
            if (i >= s.length()) throw new IllegalArgumentException("unterminated string");
            char c = s.charAt(i++);
            if (c == '"') return i;
            if (c != '\\') { out.append(c); continue; }
            if (i >= s.length()) throw new IllegalArgumentException("unterminated string");
            char e = s.charAt(i++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 > s.length()) throw new IllegalArgumentException("bad \\u escape");
                    out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
    }
}
