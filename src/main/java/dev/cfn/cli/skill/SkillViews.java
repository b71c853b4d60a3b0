package dev.cfn.cli.skill;

import dev.cfn.skills.ApprovalRecord;
import dev.cfn.skills.LoadedSkill;
import dev.cfn.skills.Mapping;
import dev.cfn.skills.ProposeResult;
import dev.cfn.skills.SkillJson;
import dev.cfn.skills.SkillVersion;
import dev.cfn.skills.file.SemVer;
import java.util.List;
import java.util.Map;

/** The skill commands' helpers: the JSON shapes (defined once in {@link SkillJson}) and option parsing. */
final class SkillViews {
    private SkillViews() {}

    static Map<String, Object> skill(dev.cfn.skills.Skill s) {
        return SkillJson.skill(s);
    }

    static Map<String, Object> version(SkillVersion v, boolean withContent) {
        return SkillJson.version(v, withContent);
    }

    static Map<String, Object> approval(ApprovalRecord r) {
        return SkillJson.approval(r);
    }

    static Map<String, Object> mapping(Mapping mp) {
        return SkillJson.mapping(mp);
    }

    static Map<String, Object> loaded(LoadedSkill s) {
        return SkillJson.loaded(s);
    }

    static Map<String, Object> proposed(ProposeResult r) {
        return SkillJson.proposed(r);
    }

    static String time(long ms) {
        return SkillJson.time(ms);
    }

    static SemVer versionOrNull(String text) {
        return text == null ? null : SemVer.parse(text);
    }

    static List<String> csv(String text) {
        return dev.cfn.cli.CommaList.split(text);
    }
}
