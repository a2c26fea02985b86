package dev.memprof.cli;

import dev.memprof.analysis.DurationParser;
import dev.memprof.analysis.TimeRange;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one duration grammar: attach --duration, run --startup, check --timeout and report's --from/--to offsets. */
class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void acceptsHoursMinutesSecondsAndMillisecondsInThatOrder() {
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(Duration.ofSeconds(30), converter.convert("30s"));
        assertEquals(Duration.ofSeconds(90), converter.convert("90s"));
        assertEquals(Duration.ofSeconds(90), converter.convert("1m30s"));
        assertEquals(Duration.ofMillis(2500), converter.convert("2.5s"));
        assertEquals(Duration.ofMinutes(2), converter.convert("2m"));
        assertEquals(Duration.ofHours(1), converter.convert("1h"));
        assertEquals(Duration.ofSeconds(3723), converter.convert(" 1h2m3s "));
        assertEquals(Duration.ofMillis(90_500), converter.convert("1m30s500ms"));
    }

    @Test
    void refusesOtherTextInOneLine() {
        for (String bad : List.of("0s", "0ms", "30", "soon", "-1s", "1s1m", "1.5m", "s", "", "99999999999999999999h")) {
            CommandLine.TypeConversionException e = assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert(bad), bad);
            assertEquals("'" + bad + "' is not a duration like 500ms, 30s, 2m or 1h", e.getMessage());
        }
    }

    @Test
    void reportOffsetsUseTheSameGrammarAndMayBePlainSecondsOrZero() {
        assertEquals(Duration.ZERO, DurationParser.parse("0s"));
        assertNull(DurationParser.parse("30"));
        TimeRange.parse("1m30s", "1h2m3.5s"); // no exception
        TimeRange.parse("0s", "30");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeRange.parse("soon", null));
        assertEquals("--from soon: expected an offset like 90s, 1m30s, 2.5s, 500ms or a clock time like 12:01:30", e.getMessage());
    }

    @Test
    void formatsTheShortestExactUnit() {
        assertEquals("500ms", DurationParser.format(Duration.ofMillis(500)));
        assertEquals("2m", DurationParser.format(Duration.ofMinutes(2)));
        assertEquals("90s", DurationParser.format(Duration.ofSeconds(90)));
        assertEquals("1h", DurationParser.format(Duration.ofHours(1)));
    }
}
