package com.example.orders;

import dev.memprof.junit.MaxAllocation;
import dev.memprof.junit.MaxRetained;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Memory limits on a user's tests: no @ExtendWith, the annotations are enough. */
@MaxAllocation("24 MiB") // every test of the class
class OrderBookTest {
    /** A cache that fills once, on first use: MaxRetained's warm-up run fills it before the measured one. */
    static final Map<String, List<String>> SYMBOLS = new ConcurrentHashMap<>();

    static List<String> symbols(String market) {
        return SYMBOLS.computeIfAbsent(market, m -> {
            List<String> all = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) all.add(m + ":" + i);
            return all;
        });
    }

    @Test
    void sumsOrders() {
        long total = 0;
        for (int i = 0; i < 100_000; i++) total += String.valueOf(i).length();
        assertEquals(488_890, total);
    }

    @Test
    @MaxAllocation("4 MiB") // the method's own limit wins over the class's
    void countsSymbols() {
        assertEquals(20_000, symbols("XNYS").size());
    }

    @Test
    @MaxRetained(value = "64 KiB", warmups = 1)
    void looksUpSymbolsWithoutLeaking() {
        assertEquals("XLON:7", symbols("XLON").get(7));
    }
}
