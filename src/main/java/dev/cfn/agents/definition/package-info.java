/**
 * Agent definitions: Claude Code subagent Markdown ({@code .claude/agents/**.md}) with cfn keys,
 * parsed strictly with a lenient fallback ({@link dev.cfn.agents.definition.AgentDefinitionParser}),
 * and a folder of them read whole with every problem as {@code path:line: why}
 * ({@link dev.cfn.agents.definition.AgentCatalog}).
 */
package dev.cfn.agents.definition;
