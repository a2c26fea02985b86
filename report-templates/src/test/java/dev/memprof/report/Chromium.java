package dev.memprof.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Headless Chromium driven over the DevTools protocol with the JDK's own WebSocket client: open a page,
 * evaluate JavaScript, send mouse events, take screenshots; it collects the page's errors and every
 * network request. {@link #close()} always kills the browser.
 */
final class Chromium implements AutoCloseable {
    private static final Path BINARY = Path.of(System.getProperty("memprof.chromium", "/usr/bin/chromium"));
    private static final long TIMEOUT_SECONDS = 20;

    /** Uncaught exceptions, console errors, error log entries (CSP violations among them), dialogs. */
    final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    /** URLs of every request the page made, the page itself included. */
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    private final Process process;
    private final Path profileDir;
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();
    private WebSocket socket;
    private String session;

    Chromium(int width, int height) throws Exception {
        if (!Files.isExecutable(BINARY)) fail("Chromium not found at " + BINARY + ": apt-get install -y chromium");
        profileDir = Files.createTempDirectory("memprof-chromium");
        process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profileDir, "--remote-debugging-port=0",
                "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(devToolsUrl()), new Listener()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String target = (String) call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId");
            session = (String) call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).get("sessionId");
            for (String domain : List.of("Runtime", "Log", "Network", "Page")) call(domain + ".enable", Map.of());
            call("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    /** Reads "DevTools listening on ws://..." from stderr, then keeps draining it. */
    private String devToolsUrl() throws Exception {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = err.readLine()) != null; ) {
                    if (line.startsWith("DevTools listening on ")) url.complete(line.substring(22).trim());
                }
            } catch (IOException ignored) {
                // the browser went away
            }
            url.completeExceptionally(new IllegalStateException("Chromium closed its stderr without a DevTools URL"));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        return url.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Loads a page and waits for its load event; clears the errors and requests seen so far. */
    void open(Path file) throws Exception {
        open(file.toUri().toString());
    }

    /** As {@link #open(Path)}, for a URL (a file's with a fragment: speedscope's {@code #localProfilePath=...}). */
    void open(String url) throws Exception {
        errors.clear();
        requests.clear();
        loaded = new CompletableFuture<>();
        call("Page.navigate", Map.of("url", url));
        loaded.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Evaluates an expression in the page; returns its value (numbers as Double) or fails with the page's exception. */
    /** The page logged no errors and loaded nothing but itself. */
    void assertOnlyLoaded(Path page) {
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), errors, "the page logged errors");
        String url = page.toUri().toString();
        org.junit.jupiter.api.Assertions.assertTrue(requests.stream().allMatch(url::equals), () -> "requests other than the page: " + requests);
    }

    Object eval(String expression) throws Exception {
        Map<String, Object> reply = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (reply.containsKey("exceptionDetails")) fail("JavaScript failed: " + expression + "\n" + reply.get("exceptionDetails"));
        return ((Map<?, ?>) reply.get("result")).get("value");
    }

    double number(String expression) throws Exception {
        return ((Number) eval(expression)).doubleValue();
    }

    void mouse(String type, double x, double y) throws Exception {
        Map<String, Object> params = new LinkedHashMap<>(Map.of("type", type, "x", x, "y", y));
        if (!type.equals("mouseMoved")) params.putAll(Map.of("button", "left", "clickCount", 1));
        else params.put("buttons", 0);
        call("Input.dispatchMouseEvent", params);
    }

    void click(double x, double y) throws Exception {
        mouse("mouseMoved", x, y);
        mouse("mousePressed", x, y);
        mouse("mouseReleased", x, y);
    }

    void drag(double x1, double y1, double x2, double y2) throws Exception {
        mouse("mouseMoved", x1, y1);
        mouse("mousePressed", x1, y1);
        for (int step = 1; step <= 5; step++) {
            call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x1 + (x2 - x1) * step / 5,
                    "y", y1 + (y2 - y1) * step / 5, "button", "left", "buttons", 1));
        }
        mouse("mouseReleased", x2, y2);
    }

    /** Types into the focused element as a user would, one input event. */
    void type(String text) throws Exception {
        call("Input.insertText", Map.of("text", text));
    }

    /** A PNG of the page: of the viewport, or of the whole page. */
    void screenshot(Path png, boolean fullPage) throws Exception {
        Map<String, Object> params = new LinkedHashMap<>(Map.of("format", "png"));
        if (fullPage) params.put("captureBeyondViewport", true);
        if (fullPage) {
            Map<?, ?> size = (Map<?, ?>) call("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
            params.put("clip", Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"), "scale", 1));
        }
        String data = (String) call("Page.captureScreenshot", params).get("data");
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(data));
    }

    private Map<String, Object> call(String method, Map<String, ?> params) throws Exception {
        return call(session, method, params);
    }

    private Map<String, Object> call(String sessionId, String method, Map<String, ?> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> reply = new CompletableFuture<>();
        pending.put(id, reply);
        Map<String, Object> message = new LinkedHashMap<>(Map.of("id", id, "method", method, "params", params));
        if (sessionId != null) message.put("sessionId", sessionId);
        synchronized (this) {
            socket.sendText(Json.write(message), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        return reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    private void received(String text) {
        Map<String, Object> message = (Map<String, Object>) Json.parse(text);
        Object id = message.get("id");
        if (id != null) {
            CompletableFuture<Map<String, Object>> reply = pending.remove(((Number) id).intValue());
            if (reply == null) return;
            if (message.containsKey("error")) reply.completeExceptionally(new IllegalStateException("DevTools: " + message.get("error")));
            else reply.complete((Map<String, Object>) message.get("result"));
            return;
        }
        Map<String, Object> params = (Map<String, Object>) message.getOrDefault("params", Map.of());
        switch (String.valueOf(message.get("method"))) {
            case "Page.loadEventFired" -> loaded.complete(null);
            case "Network.requestWillBeSent" -> requests.add((String) ((Map<?, ?>) params.get("request")).get("url"));
            case "Runtime.exceptionThrown" -> errors.add("uncaught: " + params.get("exceptionDetails"));
            case "Runtime.consoleAPICalled" -> {
                if ("error".equals(params.get("type")) || "assert".equals(params.get("type"))) errors.add("console: " + params.get("args"));
            }
            case "Log.entryAdded" -> {
                Map<?, ?> entry = (Map<?, ?>) params.get("entry");
                if ("error".equals(entry.get("level"))) errors.add("log: " + entry.get("text") + " " + entry.get("url"));
            }
            case "Page.javascriptDialogOpening" -> {
                errors.add("dialog: " + params.get("message"));
                // answered from another thread: this one must go on reading replies
                CompletableFuture.runAsync(() -> {
                    try {
                        call("Page.handleJavaScriptDialog", Map.of("accept", true));
                    } catch (Exception ignored) {
                        // the page is gone
                    }
                });
            }
            default -> { }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                received(text);
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        if (socket != null) socket.abort();
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profileDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
