package dev.memprof.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code memprof check} on the Spring Boot sample: an unchanged app passes and says nothing grew; the same app holding
 * 5% more heap from startup in a static field fails, and "what grew" names that field, from the heap snapshots at
 * startup's end (not sampled evidence, so no library's noise is presented as growth).
 */
class SpringBootCheckIT {
    @TempDir
    Path dir;

    @Test
    void passesAnUnchangedAppAndNamesTheStaticFieldThatHoldsFivePercentMore() throws Exception {
        SpringBootSample app = SpringBootSample.plantAll().quickStart();
        var baseline = check(app, "--update-baseline");
        assertEquals(0, baseline.exitCode(), baseline.err());
        var json = new ObjectMapper().readTree(dir.resolve("base.json").toFile());
        long retained = json.at("/metrics/retained").asLong();
        assertTrue(retained > 10L << 20, json.toString());
        assertTrue(json.get("holders").size() > 0, "static fields from the heap snapshot: " + json);

        var unchanged = check(app);
        assertEquals(0, unchanged.exitCode(), unchanged.out() + unchanged.err());
        assertFalse(unchanged.out().contains("What grew"), "nothing is said to have grown when nothing regressed: " + unchanged.out());

        long planted = retained / 20;
        var grown = check(app.plant("startupHeap", Long.toString(planted)));
        assertEquals(1, grown.exitCode(), grown.out() + grown.err());
        assertTrue(grown.out().contains("retained") && grown.out().contains("REGRESSED"), grown.out());
        String holder = "held by static field " + SpringBootSample.PACKAGE + "StartupCache.CACHE (new since the baseline)";
        List<String> grew = grown.out().lines().filter(l -> l.contains(" held by ")).toList();
        assertTrue(!grew.isEmpty() && grew.get(0).endsWith(holder), "the planted field comes first: " + grown.out());
    }

    private MemprofProcess.Result check(SpringBootSample app, String... options) throws Exception {
        List<String> command = MemprofProcess.command(List.of(),
                "check", "--baseline", "base.json", "--runs", "1", "--ready-when-http", app.healthUrl());
        command.addAll(List.of(options));
        command.add("--");
        command.addAll(app.command("17"));
        return MemprofProcess.run(dir, command, 300);
    }
}
