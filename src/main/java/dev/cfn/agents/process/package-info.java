/**
 * Agents as child processes: command and test runtimes, the {@link dev.cfn.agents.process.ProcessRunner}
 * (timeouts that end whole process trees), the {@link dev.cfn.agents.process.ProcessReaper} marker sweep
 * so nothing outlives its run, resource limits (cgroup v1, prlimit, taskset) and the warm pool.
 */
package dev.cfn.agents.process;
