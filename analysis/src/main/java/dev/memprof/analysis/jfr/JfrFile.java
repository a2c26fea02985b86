package dev.memprof.analysis.jfr;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * memprof's own JFR reader: reads a recording's chunks in parallel (they are independent) into
 * per-chunk sums, then feeds an {@link EventSink} chunk by chunk, in file order, so the result is
 * the same as feeding it every event from the JDK's parser. Chunks are read into a few reused heap
 * buffers rather than mapped, so the process's memory does not grow with the file.
 */
public final class JfrFile {
    /** A chunk larger than this is mapped instead of read into a buffer (JFR's chunks are usually about 12 MB). */
    private static final int LARGEST_BUFFERED_CHUNK = 64 << 20;

    /** Why the reader stopped before the end: a chunk that cannot be read. */
    public static final class DamagedChunkException extends Exception {
        public final int chunksRead;

        DamagedChunkException(int chunksRead, Throwable cause) {
            super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
            this.chunksRead = chunksRead;
        }
    }

    private JfrFile() {}

    /**
     * Feeds the sink every chunk that starts before {@code end}.
     *
     * @throws DamagedChunkException after feeding the chunks before the first one that cannot be read
     */
    public static void read(Path file, long end, EventSink sink) throws IOException, DamagedChunkException {
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4));
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "memprof-jfr-reader");
            thread.setDaemon(true);
            return thread;
        });
        ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            List<long[]> chunks = chunkSpans(channel, end);
            ArrayDeque<Future<ChunkScan>> pending = new ArrayDeque<>();
            int next = 0, done = 0;
            while (done < chunks.size()) {
                // a window of chunks in flight: each holds a buffer until it has been replayed
                while (next < chunks.size() && pending.size() < workers + 1) {
                    long[] span = chunks.get(next++);
                    ByteBuffer buffer = span[1] > LARGEST_BUFFERED_CHUNK ? null : take(buffers, (int) span[1]);
                    pending.add(pool.submit(() -> ChunkScan.scan(new Chunk(load(channel, span, buffer)), sink)));
                }
                ChunkScan scan;
                try {
                    scan = pending.remove().get();
                } catch (ExecutionException e) {
                    throw new DamagedChunkException(done, e.getCause());
                }
                try {
                    scan.replay(sink);
                } catch (RuntimeException e) {
                    throw new DamagedChunkException(done, e);
                }
                if (!scan.chunk.buffer.isDirect()) buffers.add(scan.chunk.buffer);
                done++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each chunk's position and size, from the chain of chunk headers. */
    private static List<long[]> chunkSpans(FileChannel channel, long end) throws IOException {
        List<long[]> spans = new ArrayList<>();
        ByteBuffer header = ByteBuffer.allocate(Chunk.HEADER_SIZE);
        for (long position = 0; position < end; ) {
            header.clear();
            channel.read(header, position);
            long size = header.getLong(8);
            if (size < Chunk.HEADER_SIZE || size > end - position) break;
            spans.add(new long[]{position, size});
            position += size;
        }
        return spans;
    }

    private static ByteBuffer take(ArrayDeque<ByteBuffer> buffers, int size) {
        ByteBuffer buffer = buffers.poll();
        if (buffer == null || buffer.capacity() < size) buffer = ByteBuffer.allocate(Math.max(size, 16 << 20));
        buffer.clear().limit(size);
        return buffer;
    }

    private static ByteBuffer load(FileChannel channel, long[] span, ByteBuffer buffer) throws IOException {
        if (buffer == null) return channel.map(FileChannel.MapMode.READ_ONLY, span[0], span[1]);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, span[0] + buffer.position()) < 0) throw new EOFException("the file ends inside a chunk");
        }
        return buffer;
    }
}
