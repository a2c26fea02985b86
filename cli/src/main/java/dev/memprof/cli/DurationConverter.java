package dev.memprof.cli;

import dev.memprof.analysis.DurationParser;
import picocli.CommandLine;

import java.time.Duration;

/** A positive duration option ({@code --duration}, {@code --startup}, {@code --timeout}), in {@link DurationParser}'s grammar. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        Duration duration = DurationParser.parse(value);
        if (duration == null || duration.isZero()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration like 500ms, 30s, 2m or 1h");
        }
        return duration;
    }
}
