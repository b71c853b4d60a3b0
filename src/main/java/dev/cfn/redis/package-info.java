/**
 * Lettuce plumbing shared by {@code coord} and {@code cache}: connections and their pool of blocking
 * connections, the translation of Lettuce failures, SCAN-based keyspace work, and the one
 * {@link dev.cfn.redis.KeyScheme} of every key cfn writes (in process or on Redis).
 */
package dev.cfn.redis;
