/**
 * {@code cfn worker}: a process that runs agent work taken from a Redis Streams queue ({@code cfn
 * loop run --distributed} enqueues it), and {@code cfn worker bench}, tasks per second through the
 * queue with 1, 2 and 4 worker processes.
 */
package dev.cfn.cli.worker;
