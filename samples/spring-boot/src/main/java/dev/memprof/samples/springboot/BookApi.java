package dev.memprof.samples.springboot;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The shop's JSON API: books by page, search and author, a book with its reviews, and a validated POST of a review. */
@RestController
@RequestMapping("/api")
public class BookApi {
    public record BookJson(long id, String title, String isbn, int year, BigDecimal price, String author) {
        static BookJson of(Book b) {
            return new BookJson(b.getId(), b.getTitle(), b.getIsbn(), b.getYear(), b.getPrice(), b.getAuthor().getName());
        }
    }

    public record ReviewJson(long id, String reviewer, int rating, String text, Instant createdAt) {
        static ReviewJson of(Review r) {
            return new ReviewJson(r.getId(), r.getReviewer(), r.getRating(), r.getText(), r.getCreatedAt());
        }
    }

    public record BookWithReviews(BookJson book, long reviews, double averageRating, List<ReviewJson> latest) {
    }

    /** What a reader posts; anything else is answered 400 by Spring's validation. */
    public record ReviewRequest(@NotBlank @Size(max = 80) String reviewer, @Min(1) @Max(5) int rating,
                                @NotBlank @Size(max = 2000) String text) {
    }

    private final BookService service;

    public BookApi(BookService service) {
        this.service = service;
    }

    @GetMapping("/books")
    public List<BookJson> books(@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String q) {
        List<Book> books = q == null ? service.page(page).getContent() : service.search(q);
        return books.stream().map(BookJson::of).toList();
    }

    @GetMapping("/authors/{id}/books")
    public List<BookJson> byAuthor(@PathVariable long id) {
        return service.byAuthor(id).stream().map(BookJson::of).toList();
    }

    @GetMapping("/books/{id}")
    public BookWithReviews book(@PathVariable long id) {
        BookService.BookDetails d = service.details(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return new BookWithReviews(BookJson.of(d.book()), d.reviews(), d.averageRating(),
                d.latestReviews().stream().map(ReviewJson::of).toList());
    }

    @PostMapping("/books/{id}/reviews")
    @ResponseStatus(HttpStatus.CREATED)
    public ReviewJson addReview(@PathVariable long id, @Valid @RequestBody ReviewRequest request) {
        return service.addReview(id, request.reviewer(), request.rating(), request.text()).map(ReviewJson::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
