package dev.memprof.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Protocol Buffers' wire format, as much of it as pprof's profile.proto needs: varint fields, length-delimited fields
 * (strings, nested messages) and packed repeated varints. One message is built here at a time and then copied into its
 * parent or to a stream, so a profile is written as it goes, never held whole.
 */
final class ProtoBuffer {
    private static final int VARINT = 0, LENGTH_DELIMITED = 2;
    private byte[] bytes = new byte[256];
    private int size;

    /** A varint field; zero is proto3's default and is left out. */
    ProtoBuffer varint(int field, long value) {
        if (value == 0) return this;
        tag(field, VARINT);
        return raw(value);
    }

    /** A string field, written even when empty (pprof's string table starts with ""). */
    ProtoBuffer string(int field, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        tag(field, LENGTH_DELIMITED);
        raw(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
        return this;
    }

    /** A nested message. */
    ProtoBuffer message(int field, ProtoBuffer message) {
        tag(field, LENGTH_DELIMITED);
        raw(message.size);
        ensure(message.size);
        System.arraycopy(message.bytes, 0, bytes, size, message.size);
        size += message.size;
        return this;
    }

    /** A packed repeated varint field of {@code values[0..length)}; nothing when empty. */
    ProtoBuffer packed(int field, long[] values, int length) {
        if (length == 0) return this;
        int bytesLength = 0;
        for (int i = 0; i < length; i++) bytesLength += varintSize(values[i]);
        tag(field, LENGTH_DELIMITED);
        raw(bytesLength);
        for (int i = 0; i < length; i++) raw(values[i]);
        return this;
    }

    ProtoBuffer clear() {
        size = 0;
        return this;
    }

    /** Writes what was built to {@code out} and clears it. */
    void writeTo(OutputStream out) {
        try {
            out.write(bytes, 0, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        size = 0;
    }

    private void tag(int field, int wireType) {
        raw(((long) field << 3) | wireType);
    }

    private ProtoBuffer raw(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
        return this;
    }

    private static int varintSize(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
}
