package dev.cfn.skills;

/** What an agent receives for one skill: the exact version, its hash and its content. */
public record LoadedSkill(
        String name, String version, String contentHash, String content, int priority, boolean required) {}
