package dev.memprof.analysis;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AllocationTableTest {
    /** One row per distinct key, numbered in the order keys first came, whatever order the buckets come in. */
    @Test
    void rowsAreDistinctKeysInFirstSeenOrderWithExactSums() {
        for (boolean inTimeOrder : new boolean[]{true, false}) {
            Random random = new Random(42);
            List<long[]> adds = new ArrayList<>();
            for (int bucket = 0; bucket < 300; bucket++) {
                for (int i = 0; i < 200; i++) {
                    adds.add(new long[]{random.nextInt(40), random.nextInt(3), random.nextInt(5), bucket, 1 + random.nextInt(1 << 20)});
                }
            }
            if (!inTimeOrder) java.util.Collections.shuffle(adds, random);

            AllocationTable table = new AllocationTable();
            Map<List<Long>, Integer> expectedRow = new HashMap<>();
            List<long[]> expectedSums = new ArrayList<>();
            for (long[] a : adds) {
                table.add((int) a[0], (int) a[1], (int) a[2], (int) a[3], a[4]);
                int row = expectedRow.computeIfAbsent(List.of(a[0], a[1], a[2], a[3]), key -> {
                    expectedSums.add(new long[2]);
                    return expectedSums.size() - 1;
                });
                expectedSums.get(row)[0] += a[4];
                expectedSums.get(row)[1]++;
            }

            assertEquals(expectedSums.size(), table.size(), "rows, in time order: " + inTimeOrder);
            expectedRow.forEach((key, row) -> {
                assertEquals(key, List.of((long) table.node(row), (long) table.thread(row), (long) table.objectClass(row), (long) table.bucket(row)));
                assertEquals(expectedSums.get(row)[0], table.bytes(row), "bytes of " + key);
                assertEquals(expectedSums.get(row)[1], table.samples(row), "samples of " + key);
            });
        }
    }
}
