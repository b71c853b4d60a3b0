/**
 * Agents: definitions ({@code .claude/agents/**.md}, {@link dev.cfn.agents.AgentCatalog}), the agent
 * protocol (env, stdin JSON, last JSON line of stdout: {@link dev.cfn.agents.AgentOutputParser}),
 * runtimes (process, test, Anthropic API, warm pool), the {@link dev.cfn.agents.AgentSpawner} with its
 * parallelism bound, timeouts that end whole process trees, a marker sweep so nothing outlives its
 * run, and resource limits. See docs/agent-protocol.md.
 */
package dev.cfn.agents;
