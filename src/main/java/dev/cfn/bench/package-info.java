/**
 * Tools every benchmark shares: {@link dev.cfn.bench.Samples} (nearest-rank percentiles), durations
 * printed alike, the JIT mode of a benchmark JVM. Each domain keeps its benchmark in its own
 * {@code bench} room ({@code skills.bench}, {@code loop.bench}, {@code coord.bench}, ...).
 */
package dev.cfn.bench;
