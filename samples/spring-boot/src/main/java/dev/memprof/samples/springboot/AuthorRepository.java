package dev.memprof.samples.springboot;

import org.springframework.data.jpa.repository.JpaRepository;

/** Authors, by Spring Data. */
public interface AuthorRepository extends JpaRepository<Author, Long> {
}
