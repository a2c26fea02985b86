package dev.memprof.analysis.jfr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads only the chunk headers of a JFR file (68 bytes each, found by seeking chunk size by chunk
 * size): enough to know the recording's span before the one pass over its events, and to reject a
 * file that is not a recording without parsing it. Also the one place that knows the header's size and magic.
 */
public final class ChunkHeaders {
    public static final int HEADER_SIZE = 68;
    static final int MAGIC = 0x464C5200; // "FLR\0"
    static final int METADATA_TYPE = 0, CONSTANT_POOL_TYPE = 1; // JFR's reserved event type ids

    /**
     * @param complete      false when the last chunk is cut short (a recording still being written, or truncated)
     * @param completeBytes where the last complete chunk ends
     */
    public record Span(long startEpochNanos, long durationNanos, int chunks, boolean complete, long completeBytes) {}

    /** A file that is not a readable recording; the message names the file and the problem in one line. */
    public static final class UnreadableFileException extends Exception {
        UnreadableFileException(String message) {
            super(message);
        }

        UnreadableFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private ChunkHeaders() {}

    public static Span scan(Path file) throws UnreadableFileException {
        if (Files.isDirectory(file)) throw new UnreadableFileException(file + " is a directory, not a JFR recording");
        // a named pipe would block the open until someone writes to it
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new UnreadableFileException(file + " is not a regular file, not a JFR recording");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
            long position = 0, start = Long.MAX_VALUE, end = Long.MIN_VALUE;
            int chunks = 0;
            boolean complete = true;
            while (position < size) {
                header.clear();
                int read = channel.read(header, position);
                if (read < HEADER_SIZE || header.getInt(0) != MAGIC) {
                    if (chunks == 0 && read < HEADER_SIZE && startsLikeMagic(header, read)) {
                        throw new UnreadableFileException(file + " cannot be read: it was cut short inside its first chunk's header");
                    }
                    if (chunks == 0) throw new UnreadableFileException(file + " is not a JFR recording (no JFR header)");
                    complete = false;
                    break;
                }
                long chunkSize = header.getLong(8);
                long chunkStart = header.getLong(32);
                long chunkDuration = header.getLong(40);
                chunks++;
                start = Math.min(start, chunkStart);
                end = Math.max(end, chunkStart + chunkDuration);
                if (chunkSize < HEADER_SIZE || chunkSize > size - position // not position + chunkSize: it may overflow
                        || !eventAt(channel, position, header, 16, CONSTANT_POOL_TYPE)
                        || !eventAt(channel, position, header, 24, METADATA_TYPE)) {
                    complete = false;
                    break;
                }
                position += chunkSize;
            }
            if (chunks == 0) throw new UnreadableFileException(file + " is empty, not a JFR recording");
            return new Span(start, Math.max(0, end - start), chunks, complete, complete ? size : position);
        } catch (NoSuchFileException e) {
            throw new UnreadableFileException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UnreadableFileException(file + ": permission denied");
        } catch (IOException e) {
            throw new UnreadableFileException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Whether the header field at {@code field} (the constant pool's or the metadata's offset) points inside the chunk
     * at an event of {@code type}. Checked because the JDK's reader reads one event ahead: a chunk whose header it
     * rejects would cost the last event of the chunk before.
     */
    private static boolean eventAt(FileChannel channel, long chunkPosition, ByteBuffer header, int field, long type) throws IOException {
        long offset = header.getLong(field), chunkSize = header.getLong(8);
        if (offset < HEADER_SIZE || offset >= chunkSize) return false;
        ByteBuffer event = ByteBuffer.allocate(18); // an event's size then its type id, each at most 9 bytes
        channel.read(event, chunkPosition + offset);
        event.flip();
        boolean compressed = (header.getInt(64) & 1) != 0; // else fixed-width: int size, long type
        if (!compressed) return event.remaining() >= 12 && event.getLong(4) == type;
        return readVarint(event) > 0 && readVarint(event) == type;
    }

    /** JFR's compressed integer: 7 bits a byte, low bits first, the 9th byte whole; -1 when the bytes end first. */
    private static long readVarint(ByteBuffer in) {
        long value = 0;
        for (int i = 0; i < 9; i++) {
            if (!in.hasRemaining()) return -1;
            long b = in.get() & 0xff;
            if (i == 8) return value | b << 56;
            value |= (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) return value;
        }
        return value;
    }

    /** Whether the first {@code read} bytes are the start of JFR's magic "FLR\0". */
    private static boolean startsLikeMagic(ByteBuffer header, int read) {
        for (int i = 0; i < Math.min(read, 4); i++) {
            if (header.get(i) != (byte) (MAGIC >>> (24 - 8 * i))) return false;
        }
        return read > 0;
    }
}
