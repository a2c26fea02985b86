package dev.memprof.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Real HTTP load on the Spring Boot sample: a few clients, each sending one request after another for a given time,
 * in a realistic mix of pages, JSON reads, JPA writes and validated POSTs (some invalid, answered 400 or with the form
 * again). Every answer's status is checked against what that kind of request should get. The clients together send
 * at most {@value #REQUESTS_PER_SECOND} requests a second by default: a steadily busy service, not a saturated machine (the
 * sample answers about 400 a second on the test machines' two cores, which other tests share).
 */
final class HttpLoad {
    /** One kind of request, how often it is sent (weight), and the status it should get. */
    enum Kind {
        CATALOGUE_PAGE(15, 200), BOOK_PAGE(15, 200), BOOKS_JSON(15, 200), SEARCH_JSON(10, 200), BOOK_JSON(15, 200),
        AUTHOR_JSON(10, 200), REVIEW_POST(8, 201), INVALID_REVIEW_POST(4, 400), BOOK_FORM_POST(3, 302),
        INVALID_BOOK_FORM_POST(2, 200), HEALTH(3, 200);

        final int weight, expectedStatus;

        Kind(int weight, int expectedStatus) {
            this.weight = weight;
            this.expectedStatus = expectedStatus;
        }
    }

    /**
     * Requests sent by kind, how many got another status than expected or no answer, the first few of those, and when
     * each request was sent (epoch milliseconds, ascending).
     */
    record Result(Map<Kind, Long> sent, long unexpected, List<String> problems, long[] sentEpochMillis) {
        long requests() {
            return sent.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Requests sent from {@code fromEpochMillis} (inclusive) to {@code toEpochMillis} (exclusive). */
        long requestsBetween(long fromEpochMillis, long toEpochMillis) {
            return java.util.Arrays.stream(sentEpochMillis).filter(t -> t >= fromEpochMillis && t < toEpochMillis).count();
        }

        @Override
        public String toString() {
            return requests() + " requests " + sent + ", " + unexpected + " unexpected " + problems;
        }
    }

    /** What the sample seeds: authors 1-50, books 1-500 (CatalogSeeder), 20 books a page. */
    static final int AUTHORS = 50, BOOKS = 500, PAGES = 25;
    private static final String[] WORDS = {"river", "night", "garden", "winter", "glass", "harbour", "salt"};
    static final int REQUESTS_PER_SECOND = 100;
    private static final int TOTAL_WEIGHT = java.util.Arrays.stream(Kind.values()).mapToInt(k -> k.weight).sum();

    private final String base;
    /** Whether each request carries a fresh X-Request-Id, as a tracing gateway adds. */
    private final boolean traced;
    private final java.util.concurrent.atomic.AtomicLong requestIds = new java.util.concurrent.atomic.AtomicLong();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicLongArray sent = new AtomicLongArray(Kind.values().length);
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final java.util.Queue<Long> sentTimes = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private HttpLoad(String base, boolean traced) {
        this.base = base;
        this.traced = traced;
    }

    /** Sends the mix from {@code clients} threads to http://localhost:port for {@code duration}. */
    static Result run(int port, int clients, Duration duration) throws InterruptedException {
        return run(port, clients, duration, 0);
    }

    /**
     * As {@link #run(int, int, Duration)}, and then on until {@code minRequests} were sent (a busy machine serves fewer
     * than a test needs), but never past three times {@code duration}.
     */
    static Result run(int port, int clients, Duration duration, long minRequests) throws InterruptedException {
        return run(port, clients, REQUESTS_PER_SECOND, duration, minRequests);
    }

    /** As {@link #run(int, int, Duration, long)}, at {@code perSecond} requests a second. */
    static Result run(int port, int clients, int perSecond, Duration duration, long minRequests) throws InterruptedException {
        return run(new HttpLoad("http://localhost:" + port, false), clients, perSecond, duration, minRequests);
    }

    /** As {@link #run(int, int, int, Duration, long)}, each request with a fresh {@code X-Request-Id} header. */
    static Result runTraced(int port, int clients, int perSecond, Duration duration) throws InterruptedException {
        return run(new HttpLoad("http://localhost:" + port, true), clients, perSecond, duration, 0);
    }

    private static Result run(HttpLoad load, int clients, int perSecond, Duration duration, long minRequests)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos(), hardDeadline = start + 3 * duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Random random = new Random(c);
            long interval = clients * 1_000_000_000L / perSecond;
            Thread t = new Thread(() -> load.loop(random, interval, deadline, hardDeadline, minRequests), "http-load-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join();
        Map<Kind, Long> sent = new TreeMap<>();
        for (Kind k : Kind.values()) sent.put(k, load.sent.get(k.ordinal()));
        long[] times = load.sentTimes.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(sent, load.problems.size(), List.copyOf(load.problems.subList(0, Math.min(5, load.problems.size()))), times);
    }

    private void loop(Random random, long interval, long deadline, long hardDeadline, long minRequests) {
        long due = System.nanoTime();
        while (System.nanoTime() < deadline || (total() < minRequests && System.nanoTime() < hardDeadline)) {
            // paced: the next request is due one interval after the last was due, never more than one interval late
            due = Math.max(due + interval, System.nanoTime() - interval);
            java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
            Kind kind = pick(random);
            HttpRequest request = request(kind, random);
            sent.incrementAndGet(kind.ordinal());
            sentTimes.add(System.currentTimeMillis());
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != kind.expectedStatus) problems.add(kind + " " + request.uri() + " -> " + status);
            } catch (IOException e) {
                problems.add(kind + " " + request.uri() + " -> " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long total() {
        long total = 0;
        for (int k = 0; k < sent.length(); k++) total += sent.get(k);
        return total;
    }

    private static Kind pick(Random random) {
        int r = random.nextInt(TOTAL_WEIGHT);
        for (Kind k : Kind.values()) {
            if ((r -= k.weight) < 0) return k;
        }
        throw new IllegalStateException();
    }

    private HttpRequest request(Kind kind, Random random) {
        int book = 1 + random.nextInt(BOOKS), author = 1 + random.nextInt(AUTHORS), page = random.nextInt(PAGES);
        return switch (kind) {
            case CATALOGUE_PAGE -> get("/?page=" + page);
            case BOOK_PAGE -> get("/books/" + book);
            case BOOKS_JSON -> get("/api/books?page=" + page);
            case SEARCH_JSON -> get("/api/books?q=" + WORDS[random.nextInt(WORDS.length)]);
            case BOOK_JSON -> get("/api/books/" + book);
            case AUTHOR_JSON -> get("/api/authors/" + author + "/books");
            case REVIEW_POST -> json("/api/books/" + book + "/reviews",
                    "{\"reviewer\":\"reader" + random.nextInt(1000) + "\",\"rating\":" + (1 + random.nextInt(5))
                            + ",\"text\":\"" + "A fine read. ".repeat(1 + random.nextInt(20)) + "\"}");
            case INVALID_REVIEW_POST -> json("/api/books/" + book + "/reviews", "{\"reviewer\":\"\",\"rating\":9,\"text\":\"x\"}");
            case BOOK_FORM_POST -> form("/books", Map.of("title", "Load test " + random.nextInt(100_000),
                    "isbn", String.format("978-%010d", random.nextInt(1_000_000)), "year", "2001", "price", "12.50",
                    "author", "Author L" + random.nextInt(100), "country", "FR"));
            case INVALID_BOOK_FORM_POST -> form("/books", Map.of("title", "", "isbn", "12", "year", "99", "price", "-1",
                    "author", "", "country", "France"));
            case HEALTH -> get("/actuator/health");
        };
    }

    private HttpRequest get(String path) {
        return builder(path).GET().build();
    }

    private HttpRequest json(String path, String body) {
        return builder(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest form(String path, Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return builder(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        return traced ? builder.header("X-Request-Id", "load-" + requestIds.incrementAndGet()) : builder;
    }
}
