package dev.cfn.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.InvalidInputException;
import dev.cfn.skills.file.SemVer;
import dev.cfn.testing.SkillMd;
import dev.cfn.testing.SqliteTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SkillRegistryDeprecateRollbackTest extends SqliteTest {
    private SkillLoader loader;

    @BeforeEach
    void deployTwoVersions() {
        propose(SkillMd.of("tdd"));
        registry.deploy(new DeployRequest("tdd", null, List.of("coder"), 3, false, Mapping.Conditions.NONE, false));
        registry.update("tdd", file(SkillMd.of("tdd").version("1.1.0")), null, null);
        propose(SkillMd.of("tdd-next"));
        loader = new SkillLoader(db, registry, 100);
    }

    @Test
    void deprecate_records_the_replacement_and_note_and_stops_loading() {
        assertThat(loader.load(LoadRequest.of("coder")))
                .extracting(LoadedSkill::name)
                .containsExactly("tdd");

        Skill skill = registry.deprecate("tdd", "tdd-next", "use tdd-next; it's faster");

        assertThat(skill.status()).isEqualTo(SkillStatus.DEPRECATED);
        assertThat(skill.replacement()).isEqualTo("tdd-next");
        assertThat(skill.deprecationNote()).isEqualTo("use tdd-next; it's faster");
        assertThat(loader.load(LoadRequest.of("coder"))).isEmpty();
    }

    @Test
    void deprecating_twice_is_an_invalid_transition() {
        registry.deprecate("tdd", null, null);

        assertFailsAndChangesNothing(
                () -> registry.deprecate("tdd", null, null),
                InvalidTransitionException.class,
                "skill 'tdd' is deprecated: cannot deprecate it");
    }

    @Test
    void the_replacement_must_exist_and_differ() {
        assertFailsAndChangesNothing(
                () -> registry.deprecate("tdd", "nope", null),
                SkillNotFoundException.class,
                "skill 'nope' does not exist");
        assertFailsAndChangesNothing(
                () -> registry.deprecate("tdd", "tdd", null),
                InvalidInputException.class,
                "--replacement must name another skill, but was 'tdd'");
    }

    @Test
    void rollback_deploys_an_earlier_approved_version_and_loaders_see_it() {
        assertThat(loader.load(LoadRequest.of("coder")))
                .extracting(LoadedSkill::version)
                .containsExactly("1.1.0");

        SkillVersion version = registry.rollback("tdd", SemVer.INITIAL);

        assertThat(version.version()).isEqualTo(SemVer.INITIAL);
        assertThat(registry.skill("tdd").deployedVersion()).isEqualTo("1.0.0");
        assertThat(registry.skill("tdd").latestVersion()).isEqualTo("1.1.0");
        assertThat(loader.load(LoadRequest.of("coder")))
                .extracting(LoadedSkill::version)
                .containsExactly("1.0.0");
    }

    @Test
    void rollback_to_the_deployed_version_is_an_invalid_transition() {
        assertFailsAndChangesNothing(
                () -> registry.rollback("tdd", new SemVer(1, 1, 0)),
                InvalidTransitionException.class,
                "version 1.1.0 of 'tdd' is already deployed");
    }

    @Test
    void rollback_to_a_version_that_is_not_approved_is_refused() {
        propose(SkillMd.of("billing").category("domain"));
        registry.approve("billing", null, "alice", null);
        registry.deploy(new DeployRequest("billing", null, List.of("coder"), 3, false, Mapping.Conditions.NONE, false));
        propose(SkillMd.of("billing").category("domain").version("1.1.0"));

        assertFailsAndChangesNothing(
                () -> registry.rollback("billing", new SemVer(1, 1, 0)),
                InvalidTransitionException.class,
                "version 1.1.0 of 'billing' is pending, not approved");
    }

    @Test
    void rollback_names_a_missing_version() {
        assertFailsAndChangesNothing(
                () -> registry.rollback("tdd", new SemVer(0, 1, 0)),
                SkillNotFoundException.class,
                "skill 'tdd' has no version 0.1.0");
    }

    @Test
    void rollback_of_a_deprecated_skill_makes_it_active_again() {
        registry.deprecate("tdd", "tdd-next", "moved");

        registry.rollback("tdd", SemVer.INITIAL);

        Skill skill = registry.skill("tdd");
        assertThat(skill.status()).isEqualTo(SkillStatus.ACTIVE);
        assertThat(skill.replacement()).isNull();
        assertThat(skill.deprecationNote()).isNull();
        assertThat(loader.load(LoadRequest.of("coder")))
                .extracting(LoadedSkill::version)
                .containsExactly("1.0.0");
    }
}
