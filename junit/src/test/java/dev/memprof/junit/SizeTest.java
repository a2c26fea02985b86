package dev.memprof.junit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SizeTest {
    @ParameterizedTest
    @CsvSource({"0 B, 0", "512 B, 512", "24 MiB, 25165824", "24MiB, 25165824", "1.5 KiB, 1536", "2 GiB, 2147483648",
            "1 KB, 1000", "24 MB, 24000000", "3 GB, 3000000000", "' 7 B ', 7"})
    void readsEachUnit(String text, long bytes) {
        assertEquals(bytes, Size.parse(text, "@MaxAllocation"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"24", "24 mb", "24 M", "MiB", "-1 MiB", "1,5 MiB", "", "24 TiB", "99999999999 GiB"})
    void refusesWhatIsNotASize(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Size.parse(text, "@MaxRetained"));
        assertEquals(1, e.getMessage().lines().count());
        assertEquals(true, e.getMessage().startsWith("@MaxRetained(\"" + text + "\"): "), e.getMessage());
    }

    @Test
    void describesBytesReadablyAndExactly() {
        assertEquals("30.0 MiB (31,457,280 bytes)", Size.describe(31_457_280));
        assertEquals("1000 B (1,000 bytes)", Size.describe(1000));
        assertEquals("1.5 KiB", Size.readable(1536));
        assertEquals("-2.0 MiB", Size.readable(-2 * 1024 * 1024));
    }
}
