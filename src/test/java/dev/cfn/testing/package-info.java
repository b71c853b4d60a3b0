/**
 * Test support: SKILL.md builders, a settable clock, database dumps for "nothing changed"
 * assertions, and a runner for real {@code cfn} processes.
 */
package dev.cfn.testing;
