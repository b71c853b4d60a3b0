/**
 * JMH benchmarks of the hot paths (load cached and cold, update, dual logging), run by {@code
 * bench/jmh.sh}, never by {@code mvn verify} (no class here is a test).
 */
package dev.cfn.skills.bench.jmh;
