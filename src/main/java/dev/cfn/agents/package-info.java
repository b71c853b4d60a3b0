/**
 * Agents: definitions ({@code .claude/agents/**.md}), the agent protocol (env, stdin JSON, last
 * JSON line of stdout), runtimes (process, test, LLM API), the warm pool, the spawner with its
 * parallelism bound, timeouts that kill whole process trees, and resource limits.
 */
package dev.cfn.agents;
