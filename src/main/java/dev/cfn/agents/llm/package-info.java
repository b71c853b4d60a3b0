/**
 * Agents on a model API: {@link dev.cfn.agents.llm.AnthropicAgentRuntime} (the Messages API through the
 * official SDK) and the prompts built from a definition and its invocation.
 */
package dev.cfn.agents.llm;
