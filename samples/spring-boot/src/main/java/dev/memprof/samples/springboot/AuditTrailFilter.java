package dev.memprof.samples.springboot;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Planted by {@code memprof.plant.leakPerRequest=<bytes>}: every request that carries a {@value #REQUEST_ID} (what a
 * tracing gateway adds) appends a record of that many bytes to {@link #TRAIL}, kept to answer "what did request X do",
 * in a static list nothing ever trims: a leak that begins when the gateway starts tracing. Requests without the header,
 * and the switch off (0, the default), keep nothing.
 */
@Component
public class AuditTrailFilter extends OncePerRequestFilter {
    static final String REQUEST_ID = "X-Request-Id";
    static final List<byte[]> TRAIL = new ArrayList<>();
    private final int bytesPerRequest = Integer.getInteger("memprof.plant.leakPerRequest", 0);

    public AuditTrailFilter() {
        if (bytesPerRequest > 0) {
            System.out.println("memprof-sample planted leakPerRequest: AuditTrailFilter.TRAIL keeps " + bytesPerRequest
                    + " bytes per request with an " + REQUEST_ID);
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (bytesPerRequest > 0 && request.getHeader(REQUEST_ID) != null) remember(request);
        chain.doFilter(request, response);
    }

    private void remember(HttpServletRequest request) {
        byte[] record = new byte[bytesPerRequest];
        byte[] line = (request.getHeader(REQUEST_ID) + " " + request.getMethod() + " " + request.getRequestURI()).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(line, 0, record, 0, Math.min(line.length, record.length));
        synchronized (TRAIL) {
            TRAIL.add(record);
        }
    }
}
