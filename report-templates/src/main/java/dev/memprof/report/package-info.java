/**
 * Renderers: a {@code Profile} (or a diff, or check's verdict) to text, JSON, collapsed stacks, HTML (Freemarker
 * templates and the page's scripts beside them), pprof and speedscope. Helpers every renderer shares live in
 * {@link dev.memprof.report.Units}, {@link dev.memprof.report.Stacks} and {@link dev.memprof.report.JsonWriter},
 * never in another renderer. Everything a recording holds is untrusted text: escaped for each format.
 * <p>
 * Words: <em>view</em> (allocations, leaks, native); <em>format</em> (text, html, json, ...); <em>site</em> (a stack's
 * top frames); <em>share</em> (percent of the total).
 */
package dev.memprof.report;
