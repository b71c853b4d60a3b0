/**
 * The Micrometer registry cfn exposes on {@code /metrics} (Prometheus text format) and the names of
 * its metrics, in one place. Label values are bounded: agent types, modes, statuses, query types
 * and tables, never task or agent ids.
 */
package dev.cfn.metrics;
