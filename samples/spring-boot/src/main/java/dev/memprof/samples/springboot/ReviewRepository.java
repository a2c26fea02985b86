package dev.memprof.samples.springboot;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

/** Reviews, by Spring Data, with the average rating as a JPQL aggregate. */
public interface ReviewRepository extends JpaRepository<Review, Long> {
    List<Review> findTop10ByBookIdOrderByCreatedAtDesc(Long bookId);

    long countByBookId(Long bookId);

    @Query("select avg(r.rating) from Review r where r.book.id = :bookId")
    Double averageRating(Long bookId);
}
