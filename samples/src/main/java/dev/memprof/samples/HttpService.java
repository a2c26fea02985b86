package dev.memprof.samples;

import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Question: does a JVM serving requests keep serving, without one failed request, while memprof attaches to it
 * again and again?
 * <p>
 * An HTTP server on 127.0.0.1 (an ephemeral port). {@code GET /sum?n=<n>} fills a new {@code long[n]} with
 * 0..n-1 and answers {@code sum=<n(n-1)/2>}, so every request allocates and its answer is known to the client.
 * Prints {@code memprof-sample ready port=<port>}. Args: {@code [seconds]} (default 60): how long it serves.
 */
public final class HttpService {
    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService workers = Executors.newFixedThreadPool(4);
        server.setExecutor(workers);
        server.createContext("/sum", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            int n = Integer.parseInt(query.substring(query.indexOf('=') + 1));
            long[] numbers = new long[n];
            long sum = 0;
            for (int i = 0; i < n; i++) {
                numbers[i] = i;
                sum += numbers[i];
            }
            byte[] body = ("sum=" + sum).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("memprof-sample ready port=" + server.getAddress().getPort());
        Thread.sleep(seconds * 1000);
        server.stop(0);
        workers.shutdown();
    }
}
