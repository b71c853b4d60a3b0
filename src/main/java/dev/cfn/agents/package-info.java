/**
 * The agent port and its core types: a definition ({@link dev.cfn.agents.AgentDefinition}), one run
 * of it ({@link dev.cfn.agents.AgentInvocation}), what it answered ({@link dev.cfn.agents.AgentAnswer},
 * read by {@link dev.cfn.agents.AgentOutputParser}) and produced ({@link dev.cfn.agents.AgentResult}),
 * and the {@link dev.cfn.agents.AgentRuntime} port. Each way of running an agent is a room below:
 * {@code definition}, {@code process}, {@code llm}; {@code spawn} picks one per definition. See
 * docs/agent-protocol.md and docs/architecture.md.
 */
package dev.cfn.agents;
