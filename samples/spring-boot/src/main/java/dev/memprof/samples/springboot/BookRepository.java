package dev.memprof.samples.springboot;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

/** Books, by Spring Data: derived queries that join their author. */
public interface BookRepository extends JpaRepository<Book, Long> {
    @EntityGraph(attributePaths = "author")
    Page<Book> findAllByOrderByTitleAsc(Pageable page);

    @EntityGraph(attributePaths = "author")
    List<Book> findByAuthorIdOrderByYearDesc(Long authorId);

    @EntityGraph(attributePaths = "author")
    List<Book> findTop20ByTitleContainingIgnoreCaseOrderByTitleAsc(String text);
}
