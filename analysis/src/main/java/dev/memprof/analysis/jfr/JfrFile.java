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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * memprof's own JFR reader: reads a recording's chunks in parallel (they are independent) into
 * per-chunk sums, then feeds an {@link EventSink} chunk by chunk, in file order, so the result is
 * the same as feeding it every event from the JDK's parser. Chunks are read into a few reused heap
 * buffers rather than mapped: mapped pages count in the process's memory until unmapped, which
 * Java leaves to the GC, while the buffers keep memory independent of the file's size.
 */
public final class JfrFile {
    /** Why the reader stopped before the end: a chunk that cannot be read. */
    public static final class DamagedChunkException extends Exception {
        public final int chunksRead;

        DamagedChunkException(int chunksRead, Throwable cause) {
            super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
            this.chunksRead = chunksRead;
        }
    }

    /** A recording this reader does not read (integers not compressed); the JDK's parser may. Nothing was fed yet. */
    public static final class UnsupportedRecordingException extends Exception {
        UnsupportedRecordingException(String message) {
            super(message);
        }
    }

    private JfrFile() {}

    /**
     * Feeds the sink every chunk that starts before {@code end}.
     *
     * @throws DamagedChunkException after feeding the chunks before the first one that cannot be read
     */
    public static void read(Path file, long end, EventSink sink) throws IOException, DamagedChunkException, UnsupportedRecordingException {
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4));
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "memprof-jfr-reader");
            thread.setDaemon(true);
            return thread;
        });
        ArrayDeque<ChunkScan> free = new ArrayDeque<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            List<ChunkSpan> chunks = chunkSpans(channel, end);
            long largest = chunks.stream().mapToLong(ChunkSpan::size).max().orElse(0);
            if (largest > Integer.MAX_VALUE) throw new IOException("a chunk of " + largest + " bytes is too large");
            ArrayDeque<Future<ChunkScan>> pending = new ArrayDeque<>();
            Map<Chunk.MetadataBytes, Metadata> metadataSeen = new ConcurrentHashMap<>();
            int next = 0, done = 0;
            while (done < chunks.size()) {
                // a few chunks in flight at once: each holds a buffer until it has been replayed
                while (next < chunks.size() && pending.size() < workers + 1) {
                    ChunkSpan span = chunks.get(next++);
                    ChunkScan scan = free.isEmpty() ? new ChunkScan() : free.poll();
                    pending.add(pool.submit(() -> scan.scan(new Chunk(load(channel, span, scan, largest), span.timeBase, metadataSeen), sink)));
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
                free.add(scan);
                done++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Where a chunk is, and the chunk header whose clock converts its event times. */
    private record ChunkSpan(long position, long size, ByteBuffer timeBase) {}

    /**
     * Each chunk's position and size, from the chain of chunk headers, and the header its times are
     * converted with. The JDK does not convert a chunk's ticks to time with the chunk's own header:
     * JDK 25 uses the first chunk's for all (ChunkParser keeps the first TimeConverter), JDK 17 the
     * header of the last chunk whose metadata changed (it keeps the parsers, and their converter,
     * while the metadata id stays the same). The two clocks drift apart by microseconds over a
     * recording, enough to move an event across a time bucket, so this reader does what the JDK
     * that runs it does, and reports the same numbers.
     */
    private static List<ChunkSpan> chunkSpans(FileChannel channel, long end) throws IOException, UnsupportedRecordingException {
        boolean firstChunkClock = Runtime.version().feature() >= 25;
        List<ChunkSpan> spans = new ArrayList<>();
        ByteBuffer timeBase = null;
        long metadataId = -1;
        for (long position = 0; position < end; ) {
            ByteBuffer header = ByteBuffer.allocate(ChunkHeaders.HEADER_SIZE);
            channel.read(header, position);
            long size = header.getLong(8);
            if (size < ChunkHeaders.HEADER_SIZE || size > end - position) break;
            if ((header.getInt(64) & 1) == 0) throw new UnsupportedRecordingException("a chunk with uncompressed integers");
            long id = metadataId(channel, position + header.getLong(24));
            if (timeBase == null || (!firstChunkClock && id != metadataId)) timeBase = header;
            metadataId = id;
            spans.add(new ChunkSpan(position, size, timeBase));
            position += size;
        }
        return spans;
    }

    /** The id of the metadata event at that position: its fifth varint (size, type, start, duration, id). */
    private static long metadataId(FileChannel channel, long position) throws IOException {
        ByteBuffer event = ByteBuffer.allocate(45);
        channel.read(event, position);
        Chunk varints = new Chunk(event);
        for (int i = 0; i < 4; i++) varints.readVarlong();
        return varints.readVarlong();
    }

    /**
     * Reads the chunk into the scan's buffer, made on the worker (its first touch costs tens of milliseconds) large
     * enough for every chunk, so that one scan serves every chunk.
     */
    private static ByteBuffer load(FileChannel channel, ChunkSpan span, ChunkScan scan, long largest) throws IOException {
        if (scan.buffer == null) scan.buffer = ByteBuffer.allocate((int) largest);
        ByteBuffer buffer = scan.buffer.clear().limit((int) span.size);
        // a megabyte at a time: FileChannel copies through a temporary native buffer as large as the read
        int size = buffer.limit();
        while (buffer.position() < size) {
            buffer.limit(Math.min(size, buffer.position() + (1 << 20)));
            if (channel.read(buffer, span.position + buffer.position()) < 0) throw new EOFException("the file ends inside a chunk");
        }
        buffer.limit(size);
        return buffer;
    }
}
