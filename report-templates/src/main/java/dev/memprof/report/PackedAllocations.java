package dev.memprof.report;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.zip.Deflater;

/**
 * The allocation rows of the HTML report, packed: one row per (stack, thread, class, time bucket)
 * is hundreds of thousands of rows in a long recording, megabytes as JSON numbers. Sorted, the
 * keys become short runs; each value goes in its own column as a varint, bytes as the difference
 * from what the row's samples times its group's mean weight predict (low byte and the rest apart:
 * the low byte is noise, the rest compresses); DEFLATE and base 85 make that text (base 85 over
 * the printable ASCII that needs no escape in JSON or HTML: a quarter more than the bytes, where
 * base 64 is a third). {@code packed.js}
 * unpacks it to the same columns before the page draws, so the report behaves as with JSON rows.
 * Samples, likewise, as the difference from the group's samples shared out as all samples are over
 * the buckets. Layout, unsigned LEB128 varints unless said: rows, groups, bytes unit, buckets, and
 * the samples in each bucket; per group of rows with the same (node, thread, class): zigzag node
 * delta, thread, class, row count, samples, mean bytes per sample in units; per row: bucket delta
 * - 1 within its group; per row: the zigzag difference of samples from
 * {@code floor(group samples / all samples * bucket samples)} (in doubles, which JavaScript computes
 * alike); per row: one byte, the low byte of the zigzag difference (bytes in units - samples *
 * mean); per row: the rest of it.
 */
final class PackedAllocations {
    /** Printable ASCII without {@code " & ' < > \\}: 88 characters, of which base 85 uses the first 85. */
    static final String DIGITS = "!#$%()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~".substring(0, 85);

    /**
     * @param data       the deflated layout in base 85 (4 bytes, zero-padded at the end, to 5 digits, most significant first)
     * @param deflated   the deflated layout's length
     * @param size       the layout's length
     * @param bucketSpan timeline buckets per packed bucket: 1, or a power of two when rows were merged to fit
     */
    record Packed(String data, int deflated, int size, int bucketSpan) {}

    private PackedAllocations() {}

    /**
     * Packs the rows; past {@code maxRows} rows, pairs of time buckets merge until they fit (sums stay exact; the
     * page's time selection then moves in steps of the merged buckets), at most to {@code timelineBuckets} a bucket.
     * Sorted once: merging buckets keeps the order, so merged rows are counted, then summed, in one pass each.
     */
    static Packed pack(int[] node, int[] thread, int[] objectClass, int[] bucket, long[] bytes, long[] samples, int n,
                       int maxRows, int timelineBuckets) {
        int[] order = order(node, thread, objectClass, bucket, n);
        // two rows next to each other in that order stay apart once buckets merge 2^s at a time if they differ in more
        // than the bucket, or their buckets differ in a bit from s up: pairs counted by the highest bit they differ in
        // (32: more than the bucket), so that one pass tells how many rows each span leaves
        int[] pairsByHighestBit = new int[33];
        for (int i = 1; i < n; i++) {
            int a = order[i - 1], b = order[i];
            boolean sameGroup = node[a] == node[b] && thread[a] == thread[b] && objectClass[a] == objectClass[b];
            pairsByHighestBit[sameGroup ? 32 - Integer.numberOfLeadingZeros(bucket[a] ^ bucket[b]) : 32]++;
        }
        int shift = 0, m = n - pairsByHighestBit[0]; // rows of the same key (nodes the page merged) are one row
        while (m > maxRows && 1 << shift < timelineBuckets) m -= pairsByHighestBit[++shift];
        int[] mNode = new int[m], mThread = new int[m], mClass = new int[m], mBucket = new int[m];
        long[] mBytes = new long[m], mSamples = new long[m];
        for (int i = 0, row = -1; i < n; i++) {
            int r = order[i];
            if (row < 0 || mNode[row] != node[r] || mThread[row] != thread[r] || mClass[row] != objectClass[r]
                    || mBucket[row] != bucket[r] >> shift) {
                row++;
                mNode[row] = node[r];
                mThread[row] = thread[r];
                mClass[row] = objectClass[r];
                mBucket[row] = bucket[r] >> shift;
            }
            mBytes[row] += bytes[r];
            mSamples[row] += samples[r];
        }
        return encode(mNode, mThread, mClass, mBucket, mBytes, mSamples, m, 1 << shift);
    }

    /** The layout of rows sorted by (node, thread, class, bucket), each key once. */
    private static Packed encode(int[] node, int[] thread, int[] objectClass, int[] bucket, long[] bytes, long[] samples, int n, int span) {
        long unit = 0; // allocation sizes are multiples of the object alignment: store bytes in its units
        for (int r = 0; r < n; r++) unit = gcd(unit, bytes[r]);
        unit = Math.max(1, unit);

        int bucketCount = 0;
        for (int r = 0; r < n; r++) bucketCount = Math.max(bucketCount, bucket[r] + 1);
        long[] bucketSamples = new long[bucketCount];
        long allSamples = 0;
        for (int r = 0; r < n; r++) {
            bucketSamples[bucket[r]] += samples[r];
            allSamples += samples[r];
        }
        Varints groups = new Varints(), buckets = new Varints(), sampleColumn = new Varints(), differenceHigh = new Varints();
        ByteArrayOutputStream differenceLow = new ByteArrayOutputStream();
        int groupCount = 0, previousNode = 0;
        for (int i = 0; i < n; ) {
            int end = i;
            while (end < n && node[end] == node[i] && thread[end] == thread[i] && objectClass[end] == objectClass[i]) end++;
            long groupBytes = 0, groupSamples = 0;
            for (int r = i; r < end; r++) {
                groupBytes += bytes[r] / unit;
                groupSamples += samples[r];
            }
            long mean = groupBytes / groupSamples;
            groups.add(zigzag(node[i] - previousNode)).add(thread[i]).add(objectClass[i]).add(end - i).add(groupSamples).add(mean);
            previousNode = node[i];
            groupCount++;
            int previousBucket = -1;
            for (int r = i; r < end; r++) {
                buckets.add(bucket[r] - previousBucket - 1);
                previousBucket = bucket[r];
                long expected = (long) Math.floor((double) groupSamples / allSamples * bucketSamples[bucket[r]]);
                sampleColumn.add(zigzag(samples[r] - expected));
                long difference = zigzag(bytes[r] / unit - samples[r] * mean);
                differenceLow.write((int) (difference & 0xFF));
                differenceHigh.add(difference >>> 8);
            }
            i = end;
        }
        Varints all = new Varints().add(n).add(groupCount).add(unit).add(bucketCount);
        for (long b : bucketSamples) all.add(b);
        all.out.writeBytes(groups.out.toByteArray());
        all.out.writeBytes(buckets.out.toByteArray());
        all.out.writeBytes(sampleColumn.out.toByteArray());
        all.out.writeBytes(differenceLow.toByteArray());
        all.out.writeBytes(differenceHigh.out.toByteArray());
        return packed(all.out.toByteArray(), span);
    }

    /** {@code raw} deflated, in base 85. */
    static Packed packed(byte[] raw, int span) {
        byte[] deflated = deflate(raw);
        return new Packed(base85(deflated), deflated.length, raw.length, span);
    }

    /** Row indexes sorted by (node, thread, class, bucket): as packed longs when the ids fit, as they nearly always do. */
    private static int[] order(int[] node, int[] thread, int[] objectClass, int[] bucket, int n) {
        int maxNode = 0, maxThread = 0, maxClass = 0, maxBucket = 0;
        for (int r = 0; r < n; r++) {
            maxNode = Math.max(maxNode, node[r]);
            maxThread = Math.max(maxThread, thread[r]);
            maxClass = Math.max(maxClass, objectClass[r]);
            maxBucket = Math.max(maxBucket, bucket[r]);
        }
        int rowBits = bits(n), bucketBits = bits(maxBucket), classBits = bits(maxClass), threadBits = bits(maxThread);
        if (rowBits + bucketBits + classBits + threadBits + bits(maxNode) <= 63) {
            long[] keys = new long[n];
            for (int r = 0; r < n; r++) {
                long key = node[r];
                key = key << threadBits | thread[r];
                key = key << classBits | objectClass[r];
                key = key << bucketBits | bucket[r];
                keys[r] = key << rowBits | r;
            }
            Arrays.sort(keys);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) order[i] = (int) (keys[i] & ((1L << rowBits) - 1));
            return order;
        }
        return IntStream.range(0, n).boxed().sorted((a, b) -> {
            if (node[a] != node[b]) return Integer.compare(node[a], node[b]);
            if (thread[a] != thread[b]) return Integer.compare(thread[a], thread[b]);
            if (objectClass[a] != objectClass[b]) return Integer.compare(objectClass[a], objectClass[b]);
            return Integer.compare(bucket[a], bucket[b]);
        }).mapToInt(Integer::intValue).toArray();
    }

    /** Bits to hold values up to {@code max}. */
    private static int bits(int max) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(1, max));
    }

    static String base85(byte[] bytes) {
        StringBuilder text = new StringBuilder((bytes.length + 3) / 4 * 5);
        char[] digits = new char[5];
        for (int i = 0; i < bytes.length; i += 4) {
            long word = 0;
            for (int j = 0; j < 4; j++) word = word << 8 | (i + j < bytes.length ? bytes[i + j] & 0xFF : 0);
            for (int d = 4; d >= 0; d--) {
                digits[d] = DIGITS.charAt((int) (word % 85));
                word /= 85;
            }
            text.append(digits);
        }
        return text.toString();
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return Math.abs(a);
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true); // level 9 takes 2.5x as long for 0.5% less
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
            byte[] buffer = new byte[1 << 16];
            while (!deflater.finished()) out.write(buffer, 0, deflater.deflate(buffer));
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Unsigned LEB128 varints. */
    static final class Varints {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Varints add(long value) {
            if (value < 0) throw new IllegalArgumentException("negative: " + value);
            while (value >= 0x80) {
                out.write((int) (value & 0x7F) | 0x80);
                value >>>= 7;
            }
            out.write((int) value);
            return this;
        }
    }
}
