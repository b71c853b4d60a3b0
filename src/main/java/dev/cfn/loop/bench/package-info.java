/**
 * Benchmarks of the CFN Loop printed by {@code cfn loop bench}: the loop's own overhead per
 * iteration against the same agents spawned bare (same run), and 200 concurrent instant agents
 * in one loop in a child JVM whose heap is capped at 256 MB.
 */
package dev.cfn.loop.bench;
