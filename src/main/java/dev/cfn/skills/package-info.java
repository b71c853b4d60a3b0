/**
 * Skills: the {@link dev.cfn.skills.SkillRegistry} (lifecycle, approval per version, deployment to
 * agent types) over the {@link dev.cfn.skills.JdbcSkillStore}, and the {@link dev.cfn.skills.SkillLoader}
 * that loads an agent type's skills through a cache that is never stale. The SKILL.md format is the
 * room below ({@code skills.file}); reports are the room above ({@code skills.analytics}).
 */
package dev.cfn.skills;
