package dev.memprof.analysis.heap;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Big-endian reads over a file through one reused buffer. Every read and skip is checked against a limit (the file's
 * end, or the end of the record being read), so a forged length ends in a {@link HeapDumpException}, never in a read
 * past the data or an allocation it did not pay for.
 */
final class HprofInput implements Closeable {
    private final FileChannel channel;
    private final long fileSize;
    private final byte[] buffer = new byte[1 << 20];
    private final ByteBuffer wrapped = ByteBuffer.wrap(buffer);
    private long bufferStart;
    private int pos, end;
    private long limit;
    private int idSize = 8;

    HprofInput(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.READ);
        fileSize = channel.size();
        limit = fileSize;
    }

    long fileSize() {
        return fileSize;
    }

    long position() {
        return bufferStart + pos;
    }

    long remaining() {
        return limit - position();
    }

    /** Reads beyond {@code end} (a file offset) fail until the limit is set again; the file's end bounds every limit. */
    void limit(long end) {
        if (end > fileSize) throw new HeapDumpException("a record runs past the end of the file (truncated dump?)");
        limit = end;
    }

    void idSize(int size) {
        idSize = size;
    }

    int idSize() {
        return idSize;
    }

    void seek(long offset) throws IOException {
        if (offset < 0 || offset > fileSize) throw new HeapDumpException("offset " + offset + " outside the file");
        if (offset >= bufferStart && offset <= bufferStart + end) {
            pos = (int) (offset - bufferStart);
            return;
        }
        bufferStart = offset;
        pos = end = 0;
        channel.position(offset);
    }

    int u1() throws IOException {
        return buffer[take(1)] & 0xFF;
    }

    int u2() throws IOException {
        int at = take(2);
        return ((buffer[at] & 0xFF) << 8) | (buffer[at + 1] & 0xFF);
    }

    int i4() throws IOException {
        return wrapped.getInt(take(4));
    }

    long u4() throws IOException {
        return i4() & 0xFFFF_FFFFL;
    }

    long i8() throws IOException {
        return wrapped.getLong(take(8));
    }

    long id() throws IOException {
        return idSize == 4 ? u4() : i8();
    }

    String utf8(int length) throws IOException {
        return new String(buffer, take(length), length, StandardCharsets.UTF_8);
    }

    /** The next n bytes, in the buffer: where they start there; the reads after them come next. */
    private int take(int n) throws IOException {
        need(n);
        int at = pos;
        pos += n;
        return at;
    }

    /** Skips n bytes, n counted in a long so that a forged count times an element size cannot wrap. */
    void skip(long n) throws IOException {
        if (n < 0 || n > remaining()) throw truncated(n);
        if (n <= end - pos) {
            pos += (int) n;
        } else {
            seek(position() + n);
        }
    }

    private void need(int n) throws IOException {
        if (n > remaining()) throw truncated(n);
        if (end - pos >= n) return;
        if (n > buffer.length) throw new HeapDumpException("a value of " + n + " bytes is longer than this reader takes");
        System.arraycopy(buffer, pos, buffer, 0, end - pos);
        bufferStart += pos;
        end -= pos;
        pos = 0;
        channel.position(bufferStart + end);
        while (end < n) {
            int read = channel.read(ByteBuffer.wrap(buffer, end, buffer.length - end));
            if (read < 0) throw truncated(n);
            end += read;
        }
    }

    private HeapDumpException truncated(long n) {
        return new HeapDumpException("needs " + n + " bytes at offset " + position() + " but the "
                + (limit < fileSize ? "record" : "file") + " ends at " + limit + " (truncated or damaged dump)");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
