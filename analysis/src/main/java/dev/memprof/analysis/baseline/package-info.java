/**
 * {@code memprof check}'s side of analysis: a startup footprint as plain numbers ({@link
 * dev.memprof.analysis.baseline.Baseline}), its JSON file ({@link dev.memprof.analysis.baseline.BaselineJson}) and the
 * comparison of a new footprint against it ({@link dev.memprof.analysis.baseline.BaselineComparison}).
 * <p>
 * Words: <em>baseline</em> (the footprint compared against); <em>metric</em> (one number of it, e.g. retained);
 * <em>tolerance</em> (the growth allowed per metric: a share with an absolute floor); <em>regression</em> (growth past
 * it); <em>growth</em> (what grew, per library).
 */
package dev.memprof.analysis.baseline;
