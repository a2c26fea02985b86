package dev.memprof.samples.springboot;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Planted by {@code memprof.plant.rare=true}: a servlet filter that warms jsoup's HTML cleaner at startup and keeps it,
 * but uses it on 1 request in {@value #EVERY} (a sampled audit of the request line): a library to load at its first
 * use (the "beautifulsoup4" of a Python service).
 */
@Component
@ConditionalOnProperty(name = "memprof.plant.rare", havingValue = "true")
public class SanitizingFilter extends OncePerRequestFilter {
    static final int EVERY = 500;

    private final Cleaner cleaner;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong sanitized = new AtomicLong();

    public SanitizingFilter() {
        cleaner = new Cleaner(Safelist.relaxed());
        Document warm = cleaner.clean(Jsoup.parse("<html><body><p onclick='x()'>warm <b>up</b><script>x()</script></p></body></html>"));
        System.out.println("memprof-sample planted rare: jsoup warmed (" + warm.body().html().length() + " chars)");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long n = requests.incrementAndGet();
        if (n % EVERY == 0) {
            Document audited = cleaner.clean(Jsoup.parseBodyFragment("<p>" + request.getMethod() + " "
                    + request.getRequestURI() + "</p><img src=x onerror='steal()'>"));
            System.out.println("memprof-sample planted rare: jsoup sanitised request " + n + " ("
                    + sanitized.incrementAndGet() + " so far, " + audited.body().html().length() + " chars)");
        }
        chain.doFilter(request, response);
    }
}
