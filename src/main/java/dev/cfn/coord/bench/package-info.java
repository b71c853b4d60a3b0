/**
 * {@code cfn coord bench}: signal-to-wake latency (local and Redis, against the PING round trip
 * measured in the same run), pipelined versus per-field context writes, and 1,000 agents
 * signalling one orchestrator. Measurement only; nothing here is used by the coordinators.
 */
package dev.cfn.coord.bench;
