/**
 * Coordination between agents: the {@link dev.cfn.coord.Coordinator} port (signal / wait, context,
 * results, decision, agent-id sets, heartbeats, messages, cleanup), the one {@link
 * dev.cfn.redis.KeyScheme}, the in-process {@link dev.cfn.coord.LocalCoordinator} (the default) and
 * {@link dev.cfn.coord.RedisCoordinator}; the {@link dev.cfn.coord.WorkQueue} port of distributed
 * workers and {@link dev.cfn.coord.RedisStreamWorkQueue}. Only the Redis* and Lettuce* classes
 * import Lettuce.
 */
package dev.cfn.coord;
