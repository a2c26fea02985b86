package dev.memprof.samples.springboot;

import jakarta.persistence.Entity;

/** Who wrote a book. */
@Entity
public class Author extends BaseEntity {
    private String name;
    private String country;

    protected Author() {
    }

    public Author(String name, String country) {
        this.name = name;
        this.country = country;
    }

    public String getName() {
        return name;
    }

    public String getCountry() {
        return country;
    }
}
