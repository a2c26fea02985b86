package dev.memprof.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.Joiner;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.ibm.icu.text.Transliterator;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

/**
 * Which libraries does startup load that the work rarely uses? At startup this "worker" initialises four real
 * libraries: ICU4J's transliterator (heavy, and never used again: the translation library every worker loads),
 * jsoup's HTML sanitiser (used by one request in {@value #SANITIZE_EVERY}, a tiny fraction of the work on any machine), and Jackson and Guava, which every
 * request uses. Prints {@code memprof-sample ready} once started, then serves requests for [seconds] (default 10)
 * and prints how many it served.
 */
public final class DeferrableImports {
    /** One or two requests a second on the test machines (200,000-300,000 requests a second when not busy). */
    static final int SANITIZE_EVERY = 200_000;
    private static Transliterator toLatin;
    private static Safelist safelist;
    private static ObjectMapper json;

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        loadTranslations();
        loadSanitizer();
        loadSerializer();
        System.out.println("memprof-sample ready");
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long requests = 0, sanitized = 0, chars = 0;
        while (System.nanoTime() < end) {
            boolean sanitize = ++requests % SANITIZE_EVERY == 0;
            if (sanitize) sanitized++;
            chars += handle(requests, sanitize).length();
        }
        System.out.println("requests=" + requests + " sanitized=" + sanitized + " chars=" + chars);
    }

    static void loadTranslations() {
        toLatin = Transliterator.getInstance("Any-Latin; Latin-ASCII");
        toLatin.transliterate("Здравствуй, мир");
    }

    static void loadSanitizer() {
        safelist = Safelist.relaxed();
        Jsoup.clean("<p>warm-up</p>", safelist);
    }

    static void loadSerializer() throws JsonProcessingException {
        json = new ObjectMapper();
        json.writeValueAsString(ImmutableMap.of("warm", "up"));
    }

    /** One request: Guava builds the response, Jackson writes it; a few requests sanitise user HTML. */
    static String handle(long request, boolean sanitize) throws JsonProcessingException {
        ImmutableList.Builder<String> tags = ImmutableList.builder();
        for (int i = 0; i < 16; i++) tags.add("tag-" + (request + i));
        ImmutableMap<String, Object> response = ImmutableMap.of("id", request, "tags", tags.build(),
                "path", Joiner.on('/').join("api", "items", request));
        String body = json.writeValueAsString(response);
        if (sanitize) body = Jsoup.clean("<p onclick='x()'>" + body.repeat(50) + "</p>", safelist);
        return body;
    }
}
