/**
 * Skills: SKILL.md parsing, the registry and its approval workflow, loading for an agent type
 * through a cache that is never stale, and the analytics reports.
 */
package dev.cfn.skills;
