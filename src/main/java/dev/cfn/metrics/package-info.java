/**
 * Metrics: the {@link dev.cfn.metrics.Probe} port through which store, agents, loop, skills, cache
 * and coord report (a no-op until a long-running command installs the Micrometer-backed one, so
 * one-shot commands load no Micrometer class), the registry {@code cfn serve} exposes on {@code
 * /metrics} in the Prometheus text format, and the names, labels and buckets of its metrics in
 * {@link dev.cfn.metrics.MetricNames}. Label values are bounded: agent types, modes, statuses, query
 * types and tables, never task or agent ids.
 */
package dev.cfn.metrics;
