/**
 * The load test ({@code cfn loadtest}): N agents kept busy for a while through the real spawner and
 * coordinator, each round spawn, signal, wait; sampled every second, summarised with percentiles.
 */
package dev.cfn.loadtest;
