package com.example.orders;

import dev.memprof.junit.MaxAllocation;
import dev.memprof.junit.MaxRetained;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two tests that FAIL ON PURPOSE, to show what a failure says (the pom sets testFailureIgnore; verify.groovy checks the
 * messages): a report renderer that allocates too much, and a cache that keeps every report.
 */
class ReportCacheTest {
    static final List<String> RENDERED = new ArrayList<>();

    static String render(int orders) {
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < orders; i++) html.append("<tr><td>order ").append(i).append("</td></tr>\n");
        return html.toString();
    }

    @Test
    @MaxAllocation("8 MiB")
    void rendersTheDailyReport() {
        assertEquals(true, render(400_000).length() > 0);
    }

    @Test
    @MaxRetained("1 MiB")
    void cachesEveryReport() {
        for (int day = 0; day < 30; day++) RENDERED.add(render(2_000));
    }
}
