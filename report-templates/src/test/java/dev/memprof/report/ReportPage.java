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
import java.util.function.Supplier;

/**
 * The report page every test of a class uses in its headless Chromium (both made in the class's {@code @BeforeAll}):
 * opened afresh before each test, checked after each (nothing loaded but the page, see
 * {@link Chromium#assertOnlyLoaded}), the browser closed after the class. Register it as
 * {@code @RegisterExtension static final ReportPage page = new ReportPage(() -> chromium, () -> html);}.
 */
final class ReportPage implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private final Supplier<Chromium> chromium;
    private final Supplier<Path> html;

    ReportPage(Supplier<Chromium> chromium, Supplier<Path> html) {
        this.chromium = chromium;
        this.html = html;
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
        chromium.get().open(html.get());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        chromium.get().assertOnlyLoaded(html.get());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (chromium.get() != null) chromium.get().close();
    }
}
