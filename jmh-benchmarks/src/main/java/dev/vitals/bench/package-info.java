/**
 * JMH benchmarks of Vitals beside its peers (Micrometer, Dropwizard Metrics, HdrHistogram), the
 * budget check that turns their results into a pass or a failure, and the load tests of {@code /health}.
 *
 * <p>Run from the shaded jar: {@code java -jar jmh-benchmarks/target/benchmarks.jar} (any JMH options),
 * {@code java -cp jmh-benchmarks/target/benchmarks.jar dev.vitals.bench.BudgetCheck [--quick]} and
 * {@code java -cp jmh-benchmarks/target/benchmarks.jar dev.vitals.bench.load.LoadTest --short}.
 * See {@code docs/performance.md}.
 */
package dev.vitals.bench;
