/**
 * Distributed workers ({@code cfn worker}): {@link dev.cfn.worker.QueueWorker} takes agent work from a
 * {@link dev.cfn.coord.WorkQueue}, runs it on an {@link dev.cfn.agents.AgentRuntime} and sends the result
 * back; {@link dev.cfn.worker.QueueAgentRuntime} is the orchestrator side, an agent runtime that queues.
 * Above {@code agents} and {@code coord}, the two rooms it joins.
 */
package dev.cfn.worker;
