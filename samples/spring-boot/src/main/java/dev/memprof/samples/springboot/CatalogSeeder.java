package dev.memprof.samples.springboot;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Fills the in-memory database at startup: {@value #AUTHORS} authors, {@value #BOOKS_PER_AUTHOR} books each, a few reviews. */
@Component
public class CatalogSeeder implements ApplicationRunner {
    static final int AUTHORS = 50, BOOKS_PER_AUTHOR = 10;
    private static final String[] COUNTRIES = {"FR", "DE", "JP", "BR", "IN", "US", "RU", "EG", "TH", "GR"};
    private static final String[] WORDS = {"River", "Night", "Garden", "Winter", "Glass", "Harbour", "Silence",
            "Orchard", "Letters", "Mountain", "Salt", "Lanterns"};

    private final AuthorRepository authors;
    private final BookRepository books;
    private final ReviewRepository reviews;

    public CatalogSeeder(AuthorRepository authors, BookRepository books, ReviewRepository reviews) {
        this.authors = authors;
        this.books = books;
        this.reviews = reviews;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        List<Book> all = new ArrayList<>();
        for (int a = 0; a < AUTHORS; a++) {
            Author author = authors.save(new Author("Author " + a, COUNTRIES[a % COUNTRIES.length]));
            for (int b = 0; b < BOOKS_PER_AUTHOR; b++) {
                int n = a * BOOKS_PER_AUTHOR + b;
                String title = "The " + WORDS[n % WORDS.length] + " of " + WORDS[(n / WORDS.length) % WORDS.length] + " " + n;
                all.add(new Book(title, String.format("978-%010d", n), 1950 + n % 75,
                        BigDecimal.valueOf(500 + n % 3000, 2), author));
            }
        }
        books.saveAll(all);
        for (int i = 0; i < all.size(); i += 3) {
            reviews.save(new Review(all.get(i), "reader" + i, 1 + i % 5, "Seeded review of " + all.get(i).getTitle()));
        }
    }
}
