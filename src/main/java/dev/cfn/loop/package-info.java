/**
 * The CFN Loop: {@link dev.cfn.loop.LoopPolicy} decides (gate, consensus, what follows an
 * iteration), {@link dev.cfn.loop.LoopExecutor} runs (agents in parallel, deliverable checks, the
 * product owner), and {@link dev.cfn.loop.RunStore} makes every run durable and resumable.
 */
package dev.cfn.loop;
