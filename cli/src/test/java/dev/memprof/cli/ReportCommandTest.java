package dev.memprof.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** report's table of renderers: every --format has one for every --view. */
class ReportCommandTest {
    @Test
    void everyFormatAndViewHasARenderer() {
        for (ReportCommand.Format format : ReportCommand.Format.values()) {
            for (ReportCommand.View view : ReportCommand.View.values()) {
                assertNotNull(ReportCommand.renderer(format, view), format + " x " + view);
            }
        }
    }
}
