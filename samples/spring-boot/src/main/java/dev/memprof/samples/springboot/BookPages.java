package dev.memprof.samples.springboot;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.math.BigDecimal;

/** The shop's HTML: the catalogue page, a book's page, and the validated form that adds a book (Thymeleaf). */
@Controller
public class BookPages {
    /** The "add a book" form; invalid input is shown again with its errors. */
    public static class NewBookForm {
        @NotBlank @Size(max = 200) private String title;
        @NotBlank @Pattern(regexp = "978-\\d{10}") private String isbn;
        @Min(1450) @Max(2100) private int year;
        @NotNull @DecimalMin("0.01") private BigDecimal price;
        @NotBlank @Size(max = 100) private String author;
        @NotBlank @Pattern(regexp = "[A-Z]{2}") private String country;

        public String getTitle() { return title; }
        public void setTitle(String title) { this.title = title; }
        public String getIsbn() { return isbn; }
        public void setIsbn(String isbn) { this.isbn = isbn; }
        public int getYear() { return year; }
        public void setYear(int year) { this.year = year; }
        public BigDecimal getPrice() { return price; }
        public void setPrice(BigDecimal price) { this.price = price; }
        public String getAuthor() { return author; }
        public void setAuthor(String author) { this.author = author; }
        public String getCountry() { return country; }
        public void setCountry(String country) { this.country = country; }
    }

    private final BookService service;

    public BookPages(BookService service) {
        this.service = service;
    }

    @GetMapping("/")
    public String catalogue(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("books", service.page(page));
        model.addAttribute("form", new NewBookForm());
        return "catalogue";
    }

    @GetMapping("/books/{id}")
    public String book(@PathVariable long id, Model model) {
        model.addAttribute("details", service.details(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "book";
    }

    @PostMapping("/books")
    public String addBook(@Valid @ModelAttribute("form") NewBookForm form, BindingResult errors, Model model) {
        if (errors.hasErrors()) {
            model.addAttribute("books", service.page(0));
            return "catalogue";
        }
        Book book = service.addBook(form.getTitle(), form.getIsbn(), form.getYear(), form.getPrice(), form.getAuthor(), form.getCountry());
        return "redirect:/books/" + book.getId();
    }
}
