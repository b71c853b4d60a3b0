/**
 * The tools of an API agent, with Claude Code's names and input fields (Read, Write, Edit, Glob,
 * Grep, Bash) so one definition runs on any runtime; every path goes through {@link
 * dev.cfn.agents.llm.tools.PathGuard}, Bash through the command agents' process machinery. Part of
 * the {@code agents.llm} room.
 */
package dev.cfn.agents.llm.tools;
