/** {@code cfn agent bench}: cold spawns against warm-pool dispatch of the same agent, in one run. */
package dev.cfn.agents.bench;
