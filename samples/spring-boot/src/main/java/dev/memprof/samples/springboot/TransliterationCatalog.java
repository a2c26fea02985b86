package dev.memprof.samples.springboot;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.text.Collator;
import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.NumberFormat;
import com.ibm.icu.text.Transliterator;
import com.ibm.icu.util.ULocale;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Planted by {@code memprof.plant.unused=true}: an eager singleton that initialises ICU4J for many locales at startup
 * (transliterators, collators, number and date formats, word break iterators) and keeps it all, and that no request
 * ever uses: the translation library every process pays for (Frappe's "babel"). A report should advise making this
 * bean lazy, or dropping it.
 */
@Component
@ConditionalOnProperty(name = "memprof.plant.unused", havingValue = "true")
public class TransliterationCatalog {
    static final String[] TRANSLITERATORS = {"Any-Latin", "Latin-ASCII", "Cyrillic-Latin", "Greek-Latin", "Arabic-Latin",
            "Hebrew-Latin", "Han-Latin", "Hangul-Latin", "Katakana-Latin", "Hiragana-Latin", "Devanagari-Latin",
            "Thai-Latin", "Georgian-Latin", "Armenian-Latin", "Any-Latin; Latin-ASCII; Lower"};
    static final String[] LOCALES = {"en", "fr", "de", "es", "it", "pt_BR", "nl", "sv", "pl", "cs", "ru", "uk", "el",
            "tr", "ar", "he", "fa", "hi", "bn", "th", "vi", "id", "ja", "ko", "zh", "zh_Hant"};

    private final List<Object> kept = new ArrayList<>();

    public TransliterationCatalog() {
        for (String id : TRANSLITERATORS) {
            Transliterator t = Transliterator.getInstance(id);
            t.transliterate("Здравствуй, мир; Γειά σου; こんにちは; 你好; שלום; مرحبا");
            kept.add(t);
        }
        for (String tag : LOCALES) {
            ULocale locale = new ULocale(tag);
            kept.add(Collator.getInstance(locale));
            kept.add(NumberFormat.getCurrencyInstance(locale));
            kept.add(DateFormat.getDateTimeInstance(DateFormat.FULL, DateFormat.FULL, locale));
            BreakIterator words = BreakIterator.getWordInstance(locale);
            words.setText("warm up the dictionaries");
            kept.add(words);
        }
        System.out.println("memprof-sample planted unused: ICU4J initialised, " + TRANSLITERATORS.length
                + " transliterators and " + LOCALES.length + " locales");
    }

    /** What a caller could use, if any did. */
    public int size() {
        return kept.size();
    }
}
