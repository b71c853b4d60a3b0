/**
 * {@code cfn bench}: a generator of a registry at the seed's scale, the runner that measures the hot
 * paths against the seed's figures and the targets, and the seed-style baseline (bash driving
 * the {@code sqlite3} CLI) measured in the same run.
 */
package dev.cfn.skills.bench;
