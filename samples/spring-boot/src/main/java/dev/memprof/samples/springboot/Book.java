package dev.memprof.samples.springboot;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ManyToOne;

import java.math.BigDecimal;

/** A book in the shop's catalogue. */
@Entity
public class Book extends BaseEntity {
    private String title;
    private String isbn;
    @Column(name = "published_year") // YEAR is a keyword in H2
    private int year;
    private BigDecimal price;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    private Author author;

    protected Book() {
    }

    public Book(String title, String isbn, int year, BigDecimal price, Author author) {
        this.title = title;
        this.isbn = isbn;
        this.year = year;
        this.price = price;
        this.author = author;
    }

    public String getTitle() {
        return title;
    }

    public String getIsbn() {
        return isbn;
    }

    public int getYear() {
        return year;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public Author getAuthor() {
        return author;
    }
}
