/**
 * Container engines (podman, docker) through their CLI: the command lines that run an agent's
 * process in a container or start a warm one and exec into it, the limits and labels they carry, and
 * removal by name or by label. Knows nothing of agents: {@code agents.process} wraps its launches
 * with it.
 */
package dev.cfn.agents.container;
