/**
 * The {@link dev.cfn.agents.spawn.AgentSpawner}: one {@link dev.cfn.agents.AgentRuntime} that runs each
 * definition on the runtime it names (command, test, warm, anthropic). The only room that knows
 * every runtime: a new runtime is registered here.
 */
package dev.cfn.agents.spawn;
