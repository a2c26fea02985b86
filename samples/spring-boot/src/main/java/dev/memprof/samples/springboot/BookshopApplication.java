package dev.memprof.samples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Does memprof give advice a Spring engineer would act on, on the kind of application its users run? A small
 * bookshop: Thymeleaf pages and a form ({@link BookPages}), a JSON API with a validated POST ({@link BookApi}), JPA on
 * an in-memory H2 database ({@link BookService}), actuator health; run as users do, {@code java -jar} on the
 * repackaged jar, whose libraries are nested in {@code BOOT-INF/lib}.
 * <p>
 * Off by default, system properties plant a truth a report must find:
 * <ul>
 * <li>{@code memprof.plant.unused=true}: {@link TransliterationCatalog}, an eager singleton bean, initialises ICU4J
 * (transliterators, collators, formats and break iterators for many locales, several MiB kept alive) and is never
 * used again: the library to defer or drop.</li>
 * <li>{@code memprof.plant.rare=true}: {@link SanitizingFilter} warms jsoup at startup and uses it on 1 request in
 * {@value SanitizingFilter#EVERY}: the library to defer to its first use.</li>
 * <li>{@code memprof.plant.startupHeap=<bytes>}: {@link StartupCache#CACHE}, a static field, holds that many bytes
 * from startup on (a regression for {@code memprof check}).</li>
 * <li>{@code memprof.plant.leakPerRequest=<bytes>}: {@link AuditTrailFilter#TRAIL}, a static list, keeps that many
 * bytes per request that carries an {@code X-Request-Id} header (a leak that begins when requests are traced).</li>
 * </ul>
 * The port is {@code server.port} (default 8080). When it answers HTTP it prints {@value #READY}, so either
 * {@code --ready-when-log '^memprof-sample ready$'} or {@code --ready-when-http http://localhost:<port>/actuator/health}
 * marks startup's end. Every planted switch prints what it did, on lines starting {@code memprof-sample planted}.
 */
@SpringBootApplication
public class BookshopApplication {
    static final String READY = "memprof-sample ready";

    public static void main(String[] args) {
        SpringApplication.run(BookshopApplication.class, args);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
        System.out.println(READY);
    }
}
