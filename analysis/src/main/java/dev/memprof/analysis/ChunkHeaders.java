package dev.memprof.analysis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads only the chunk headers of a JFR file (68 bytes each, found by seeking chunk size by chunk
 * size): enough to know the recording's span before the one pass over its events, and to reject a
 * file that is not a recording without parsing it.
 */
final class ChunkHeaders {
    static final int HEADER_SIZE = 68;
    private static final int MAGIC = 0x464C5200; // "FLR\0"

    /**
     * @param complete      false when the last chunk is cut short (a recording still being written, or truncated)
     * @param completeBytes where the last complete chunk ends
     */
    record Span(long startEpochNanos, long durationNanos, int chunks, boolean complete, long completeBytes) {}

    private ChunkHeaders() {}

    static Span scan(Path file) throws RecordingException {
        if (Files.isDirectory(file)) throw new RecordingException(file + " is a directory, not a JFR recording");
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
                    if (chunks == 0) throw new RecordingException(file + " is not a JFR recording (no JFR header)");
                    complete = false;
                    break;
                }
                long chunkSize = header.getLong(8);
                long chunkStart = header.getLong(32);
                long chunkDuration = header.getLong(40);
                chunks++;
                start = Math.min(start, chunkStart);
                end = Math.max(end, chunkStart + chunkDuration);
                if (chunkSize < HEADER_SIZE || position + chunkSize > size) {
                    complete = false;
                    break;
                }
                position += chunkSize;
            }
            if (chunks == 0) throw new RecordingException(file + " is empty, not a JFR recording");
            return new Span(start, Math.max(0, end - start), chunks, complete, complete ? size : position);
        } catch (NoSuchFileException e) {
            throw new RecordingException(file + ": no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new RecordingException(file + ": permission denied");
        } catch (IOException e) {
            throw new RecordingException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
