package dev.memprof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memprof.testsupport.TargetJdks;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code memprof attach --heap-snapshot} to the running Spring Boot sample under HTTP load: no class-load stack says
 * who imported or drove what, so the heap snapshot's holders, the frameworks' jars in use and the order the JVM loaded
 * classes in stand in. ICU4J (never used, the most heap) is first, jsoup (1 request in 500) second; no framework, no
 * jar woven into a framework's startup (byte-buddy for Hibernate, attoparser for Thymeleaf) and nothing on the request
 * path is a candidate.
 */
class SpringBootAttachIT {
    @TempDir
    Path dir;

    @TargetJdks
    void ranksTheNeverUsedLibraryFirstAndNoFramework(String jdk) throws Exception {
        SpringBootSample app = SpringBootSample.plantAll().quickStart();
        Process target = app.start(jdk, dir.resolve("app.log"));
        try {
            HttpLoad.run(app.port, 2, Duration.ofSeconds(3)); // warm: what a long-running service has done
            CompletableFuture<HttpLoad.Result> load = CompletableFuture.supplyAsync(() -> {
                try {
                    return HttpLoad.run(app.port, 4, Duration.ofSeconds(18));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            List<String> command = MemprofProcess.command(List.of(),
                    "attach", Long.toString(target.pid()), "--heap-snapshot", "--duration", "15s", "-o", "attached.jfr");
            var attach = MemprofProcess.run(dir, command, 180);
            assertEquals(0, attach.exitCode(), attach.out() + attach.err());
            assertEquals(0, load.get().unexpected(), load.get().toString());
            assertTrue(target.isAlive(), "the target keeps running");

            var report = MemprofProcess.memprof(dir, "report", "attached.jfr", "--format", "json", "-o", "attached.json");
            assertEquals(0, report.exitCode(), report.err());
            JsonNode json = new ObjectMapper().readTree(dir.resolve("attached.json").toFile());
            assertEquals("attach", json.at("/startup/mode").asText());
            JsonNode deferrable = json.get("deferrable");
            List<String> ranked = new ArrayList<>();
            deferrable.forEach(d -> ranked.add(d.get("library").asText()));
            assertTrue(ranked.size() >= 2 && ranked.get(0).equals(SpringBootSample.ICU) && ranked.get(1).equals(SpringBootSample.JSOUP),
                    "ICU4J first, jsoup second: " + ranked);
            for (String library : ranked) {
                assertFalse(SpringBootSampleIT.REQUEST_PATH_JARS.stream().anyMatch(library::startsWith), library);
                assertFalse(library.startsWith("spring-") || library.startsWith("hibernate-") || library.startsWith("tomcat-"),
                        "a framework that drives startup is never advice: " + ranked);
            }
            assertTrue(deferrable.get(0).get("retainedBytes").asLong() > 4L << 20, "from the heap snapshot: " + deferrable.get(0));
        } finally {
            target.destroy();
            target.waitFor();
        }
    }
}
