package dev.memprof.samples.springboot;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ManyToOne;

import java.time.Instant;

/** A reader's review of a book: what the validated POST writes. */
@Entity
public class Review extends BaseEntity {
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    private Book book;
    private String reviewer;
    private int rating;
    @Column(length = 2000)
    private String text;
    private Instant createdAt;

    protected Review() {
    }

    public Review(Book book, String reviewer, int rating, String text) {
        this.book = book;
        this.reviewer = reviewer;
        this.rating = rating;
        this.text = text;
        this.createdAt = Instant.now();
    }

    public String getReviewer() {
        return reviewer;
    }

    public int getRating() {
        return rating;
    }

    public String getText() {
        return text;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
