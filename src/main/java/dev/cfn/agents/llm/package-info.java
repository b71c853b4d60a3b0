/**
 * Agents on a model API: {@link dev.cfn.agents.llm.ApiAgentRuntime} runs one {@link
 * dev.cfn.agents.llm.AgentLoop} (turns, tools, retries, limits, transcript) over the {@link
 * dev.cfn.agents.llm.ModelApi} port's two wire formats, Anthropic Messages and OpenAI-compatible
 * Chat Completions; the tools are in {@code agents.llm.tools}. Level 9: Bash runs through
 * {@code agents.process}.
 */
package dev.cfn.agents.llm;
