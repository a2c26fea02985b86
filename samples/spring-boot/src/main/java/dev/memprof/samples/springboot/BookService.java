package dev.memprof.samples.springboot;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The shop's reads and writes, one transaction each: what the pages and the API share. */
@Service
public class BookService {
    static final int PAGE_SIZE = 20;

    /** A book with what its page shows: its author, latest reviews and average rating. */
    public record BookDetails(Book book, Author author, List<Review> latestReviews, long reviews, double averageRating) {
    }

    private final AuthorRepository authors;
    private final BookRepository books;
    private final ReviewRepository reviews;

    public BookService(AuthorRepository authors, BookRepository books, ReviewRepository reviews) {
        this.authors = authors;
        this.books = books;
        this.reviews = reviews;
    }

    @Transactional(readOnly = true)
    public Page<Book> page(int page) {
        return books.findAllByOrderByTitleAsc(PageRequest.of(Math.max(page, 0), PAGE_SIZE));
    }

    @Transactional(readOnly = true)
    public List<Book> search(String text) {
        return books.findTop20ByTitleContainingIgnoreCaseOrderByTitleAsc(text);
    }

    @Transactional(readOnly = true)
    public List<Book> byAuthor(long authorId) {
        return books.findByAuthorIdOrderByYearDesc(authorId);
    }

    @Transactional(readOnly = true)
    public Optional<BookDetails> details(long bookId) {
        return books.findById(bookId).map(book -> {
            Double average = reviews.averageRating(bookId);
            return new BookDetails(book, book.getAuthor(), reviews.findTop10ByBookIdOrderByCreatedAtDesc(bookId),
                    reviews.countByBookId(bookId), average == null ? 0 : average);
        });
    }

    @Transactional
    public Optional<Review> addReview(long bookId, String reviewer, int rating, String text) {
        return books.findById(bookId).map(book -> reviews.save(new Review(book, reviewer, rating, text)));
    }

    @Transactional
    public Book addBook(String title, String isbn, int year, BigDecimal price, String authorName, String country) {
        Author author = authors.save(new Author(authorName, country));
        return books.save(new Book(title, isbn, year, price, author));
    }
}
