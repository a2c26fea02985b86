package dev.memprof.report;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The report page every test of a class uses, and the headless Chromium it is shown in (both made by {@link #show} in
 * the class's {@code @BeforeAll}): opened afresh before each test, checked after each (nothing loaded but the page, see
 * {@link Chromium#assertOnlyLoaded}), the browser closed after the class. Register it as
 * {@code @RegisterExtension static final ReportPage page = new ReportPage();}.
 */
final class ReportPage implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private Chromium chromium;
    private Path html;

    /** Writes {@code report} to {@code html} and starts a browser of that window size for the tests to open it in. */
    void show(Path html, Consumer<Writer> report, int width, int height) throws Exception {
        this.html = written(html, report);
        chromium = new Chromium(width, height);
    }

    Chromium chromium() {
        return chromium;
    }

    Path html() {
        return html;
    }

    /** Writes {@code report} to {@code html} (its folder made when missing): the page a test opens. */
    static Path written(Path html, Consumer<Writer> report) throws IOException {
        Files.createDirectories(html.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(html)) {
            report.accept(out);
        }
        return html;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        chromium.open(html);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        chromium.assertOnlyLoaded(html);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (chromium != null) chromium.close();
    }
}
