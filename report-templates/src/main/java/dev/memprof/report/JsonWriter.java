package dev.memprof.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import java.util.function.IntToLongFunction;

/**
 * A small streaming JSON writer. Strings escape {@code < > &} and line separators too, so the same
 * output is safe inside an HTML {@code <script>} element whatever names a recording holds.
 */
final class JsonWriter {
    /** Entries in each top list of memprof's JSON document (sites, classes, holders), whichever view writes it. */
    static final int TOP = 20;

    private final Writer out;
    private boolean needComma;

    JsonWriter(Writer out) {
        this.out = out;
    }

    JsonWriter beginObject() { value(); raw('{'); needComma = false; return this; }
    JsonWriter endObject() { raw('}'); needComma = true; return this; }
    JsonWriter beginArray() { value(); raw('['); needComma = false; return this; }
    JsonWriter endArray() { raw(']'); needComma = true; return this; }

    JsonWriter name(String name) {
        value();
        string(name);
        raw(':');
        needComma = false;
        return this;
    }

    JsonWriter value(String s) {
        value();
        if (s == null) raw("null"); else string(s);
        needComma = true;
        return this;
    }

    JsonWriter value(long n) { return literal(Long.toString(n)); }
    JsonWriter value(double d) { return literal(Double.isFinite(d) ? String.format(Locale.ROOT, "%.2f", d) : "null"); }
    JsonWriter value(boolean b) { return literal(Boolean.toString(b)); }

    /** A number, true, false or null, as JSON spells it. */
    private JsonWriter literal(String text) {
        value();
        raw(text);
        needComma = true;
        return this;
    }

    JsonWriter field(String name, String s) { return name(name).value(s); }
    JsonWriter field(String name, long n) { return name(name).value(n); }
    JsonWriter field(String name, double d) { return name(name).value(d); }
    JsonWriter field(String name, boolean b) { return name(name).value(b); }

    JsonWriter array(String name, long[] values, int length) {
        name(name).beginArray();
        for (int i = 0; i < length; i++) value(values[i]);
        return endArray();
    }

    JsonWriter array(String name, int[] values, int length) {
        name(name).beginArray();
        for (int i = 0; i < length; i++) value(values[i]);
        return endArray();
    }

    /** An array of the values {@code value} gives for 0 to {@code length - 1}: a table's column, without a copy. */
    JsonWriter column(String name, int length, IntToLongFunction value) {
        name(name).beginArray();
        for (int i = 0; i < length; i++) value(value.applyAsLong(i));
        return endArray();
    }

    JsonWriter array(String name, Iterable<String> values) {
        name(name).beginArray();
        for (String v : values) value(v);
        return endArray();
    }

    private void value() {
        if (needComma) raw(',');
    }

    private void string(String s) {
        raw('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> raw("\\\"");
                case '\\' -> raw("\\\\");
                case '\n' -> raw("\\n");
                case '\r' -> raw("\\r");
                case '\t' -> raw("\\t");
                default -> {
                    // all control characters, DEL and C1 too: JSON printed to a terminal must not drive it
                    if (Character.isISOControl(c) || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        raw(String.format("\\u%04x", (int) c));
                    } else {
                        raw(c);
                    }
                }
            }
        }
        raw('"');
    }

    private void raw(char c) {
        try {
            out.write(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void raw(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
