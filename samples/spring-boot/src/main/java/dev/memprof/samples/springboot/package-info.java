/**
 * A real Spring Boot web application (MVC, JPA on H2, Thymeleaf, validation, actuator) run from its fat jar, with
 * switches that plant a known truth for memprof's tests: see {@link dev.memprof.samples.springboot.BookshopApplication}.
 */
package dev.memprof.samples.springboot;
