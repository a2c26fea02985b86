package dev.memprof.analysis.startup;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupEvidenceTest {
    static final long S = 1_000_000_000L, START = 1_000 * S;

    @Test
    void theSampleGridCoarsensPastItsRowLimitWhateverTheOrderSamplesCameIn() {
        StartupEvidence forward = new StartupEvidence(START, 100 * S), backward = new StartupEvidence(START, 100 * S);
        int stacks = 800, cells = StartupEvidence.sampleBuckets();
        long samples = 0, bytes = 0;
        for (int node = 0; node < stacks; node++) {
            for (int cell = 0; cell < cells; cell++) {
                forward.allocations.add(node, cell, node + cell);
                samples++;
                bytes += node + cell;
            }
        }
        for (int node = stacks - 1; node >= 0; node--) {
            for (int cell = cells - 1; cell >= 0; cell--) backward.allocations.add(node, cell, node + cell);
        }
        // 819,200 (stack, cell) pairs: two halvings bring them to 204,800, under the limit
        assertEquals(cells / 4, forward.buckets());
        assertTrue(forward.allocations.size <= StartupEvidence.MAX_TABLE_ROWS);
        assertEquals(forward.buckets(), backward.buckets());
        assertEquals(rows(forward), rows(backward));
        assertEquals(samples, java.util.Arrays.stream(forward.allocations.samples).sum());
        assertEquals(bytes, java.util.Arrays.stream(forward.allocations.bytes).sum());
        // a time's cell follows the grid; readings stay on the finest
        long t = forward.fineBucketStart(2050) + 1;
        assertEquals(2050, forward.fineBucket(t));
        assertEquals(2050 / 16, forward.bucket(t));
        assertEquals(2050 / 4, forward.sampleBucket(t));
    }

    private static Map<Long, String> rows(StartupEvidence evidence) {
        Map<Long, String> rows = new TreeMap<>();
        StartupEvidence.SampleTable cells = evidence.allocations;
        for (int r = 0; r < cells.size; r++) {
            rows.put(((long) cells.node[r] << 12) | cells.bucket[r], cells.samples[r] + " " + cells.bytes[r]);
        }
        return rows;
    }
}
