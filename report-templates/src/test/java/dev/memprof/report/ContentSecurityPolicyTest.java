package dev.memprof.report;

import com.sun.net.httpserver.HttpServer;
import dev.memprof.analysis.ProfileReader;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report's Content-Security-Policy forbids loading anything: script in the page that tries (as injected markup
 * would) reaches no server. A server on 127.0.0.1 counts what arrives.
 */
class ContentSecurityPolicyTest {
    static final Path DIR = Path.of("target", "html-report-csp");

    @Test
    void thePageCanLoadNothingFromTheNetwork() throws Exception {
        var profile = ProfileReader.read(Fixture.ALLOCATION_SITES.jfr());
        Path html = ReportPage.written(DIR.resolve("report.html"), out -> HtmlReport.write(profile, out));
        AtomicInteger arrived = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            arrived.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        try (Chromium chromium = new Chromium(1024, 700)) {
            chromium.open(html);
            assertEquals(List.of(html.toUri().toString()), List.copyOf(chromium.requests), "the page loads nothing but itself");
            String load = """
                    (element, attribute, url) => new Promise(done => {
                      const e = document.createElement(element);
                      if (element === 'link') e.rel = 'stylesheet';
                      e.onload = () => done('loaded'); e.onerror = () => done('blocked');
                      e[attribute] = url; document.body.append(e);
                      setTimeout(() => done('blocked'), 3000); })""";
            Object results = chromium.eval("(async () => { const load = " + load + "; return [\n"
                    + "await fetch('" + base + "fetch').then(() => 'loaded', () => 'blocked'),\n"
                    + "await load('img', 'src', '" + base + "img'),\n"
                    + "await load('script', 'src', '" + base + "script.js'),\n"
                    + "await load('link', 'href', '" + base + "style.css'),\n"
                    + "(await load('iframe', 'src', '" + base + "frame'), 'iframe'),\n" // a blocked frame still fires load
                    + "await new Promise(done => { try { const ws = new WebSocket('" + base.replace("http", "ws") + "ws');"
                    + " ws.onopen = () => done('loaded'); ws.onerror = () => done('blocked'); } catch (e) { done('blocked'); } }),\n"
                    + "]; })()");
            assertEquals(List.of("blocked", "blocked", "blocked", "blocked", "iframe", "blocked"), results);
            assertEquals(0, arrived.get(), "requests that reached the server");
            assertTrue(chromium.errors.stream().filter(e -> e.contains("Content Security Policy")).count() >= 5,
                    "the browser says the policy refused them: " + chromium.errors);
        } finally {
            server.stop(0);
        }
    }
}
