/**
 * The {@code claude-code} runtime: the real Claude Code CLI in print mode ({@code claude -p}), one
 * process per agent, its stream-json read live for progress, its result read for the answer, the
 * usage and the cost, and its session resumed by the slot's next invocation. The process itself is
 * run by {@code agents.process.ProcessRunner}.
 */
package dev.cfn.agents.claude;
