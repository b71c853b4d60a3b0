package dev.cfn.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.InvalidInputException;
import dev.cfn.skills.file.SemVer;
import dev.cfn.testing.SkillMd;
import dev.cfn.testing.SqliteTest;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkillRegistryDeployTest extends SqliteTest {
    private static final Mapping.Conditions LOOP3 = new Mapping.Conditions(List.of("loop3"), List.of("api"), List.of());

    @Test
    void deploying_an_approved_version_makes_it_deployed_and_maps_the_agent_types() {
        propose(SkillMd.of("tdd"));

        SkillVersion deployed =
                registry.deploy(new DeployRequest("tdd", null, List.of("coder", "tester"), 2, true, LOOP3, false));

        assertThat(deployed.version()).isEqualTo(SemVer.INITIAL);
        assertThat(registry.skill("tdd").deployedVersion()).isEqualTo("1.0.0");
        assertThat(registry.mappings("tdd"))
                .containsExactly(
                        new Mapping("coder", "tdd", 2, true, true, LOOP3, null),
                        new Mapping("tester", "tdd", 2, true, true, LOOP3, null));
    }

    @Test
    void deploying_again_updates_the_mapping_instead_of_adding_one() {
        propose(SkillMd.of("tdd"));
        registry.deploy(new DeployRequest("tdd", null, List.of("coder"), 2, true, LOOP3, false));

        registry.deploy(new DeployRequest("tdd", null, List.of("coder"), 7, false, Mapping.Conditions.NONE, false));

        assertThat(registry.mappings("tdd"))
                .containsExactly(new Mapping("coder", "tdd", 7, false, true, Mapping.Conditions.NONE, null));
        assertThat(count("agent_skill_mappings")).isEqualTo(1);
    }

    @Test
    void without_a_version_the_newest_approved_one_deploys_not_a_pending_one() {
        propose(SkillMd.of("billing").category("domain"));
        registry.approve("billing", null, "alice", null);
        propose(SkillMd.of("billing").category("domain").version("1.1.0"));

        SkillVersion deployed = registry.deploy(request("billing", null));

        assertThat(deployed.version()).isEqualTo(SemVer.INITIAL);
    }

    @Test
    void a_pending_version_does_not_deploy_and_nothing_changes() {
        propose(SkillMd.of("billing").category("domain"));

        assertFailsAndChangesNothing(
                () -> registry.deploy(request("billing", SemVer.INITIAL)),
                InvalidTransitionException.class,
                "version 1.0.0 of 'billing' is pending, only an approved version deploys");
        assertFailsAndChangesNothing(
                () -> registry.deploy(request("billing", null)),
                InvalidTransitionException.class,
                "skill 'billing' has no approved version to deploy");
    }

    @Test
    void a_rejected_version_does_not_deploy() {
        propose(SkillMd.of("billing").category("domain"));
        registry.approve("billing", null, "alice", null);
        propose(SkillMd.of("billing").category("domain").version("2.0.0"));
        registry.reject("billing", null, "alice", "no");

        assertFailsAndChangesNothing(
                () -> registry.deploy(request("billing", new SemVer(2, 0, 0))),
                InvalidTransitionException.class,
                "version 2.0.0 of 'billing' is rejected, only an approved version deploys");
    }

    @Test
    void deploy_names_a_missing_skill_or_version() {
        propose(SkillMd.of("tdd"));

        assertFailsAndChangesNothing(
                () -> registry.deploy(request("nope", null)),
                SkillNotFoundException.class,
                "skill 'nope' does not exist");
        assertFailsAndChangesNothing(
                () -> registry.deploy(request("tdd", new SemVer(3, 0, 0))),
                SkillNotFoundException.class,
                "skill 'tdd' has no version 3.0.0");
    }

    @Test
    void a_deprecated_skill_does_not_deploy() {
        propose(SkillMd.of("tdd"));
        registry.deprecate("tdd", null, null);

        assertFailsAndChangesNothing(
                () -> registry.deploy(request("tdd", null)),
                InvalidTransitionException.class,
                "skill 'tdd' is deprecated: cannot deploy it");
    }

    @Test
    void a_deploy_request_is_validated_before_anything_runs() {
        assertThatThrownBy(() ->
                        new DeployRequest("tdd", null, List.of("coder"), 0, false, Mapping.Conditions.NONE, false))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("--priority must be 1 (highest) to 10, but was 0");
        assertThatThrownBy(() ->
                        new DeployRequest("tdd", null, List.of("coder"), 11, false, Mapping.Conditions.NONE, false))
                .hasMessage("--priority must be 1 (highest) to 10, but was 11");
        assertThatThrownBy(() -> new DeployRequest("tdd", null, List.of(), 5, false, Mapping.Conditions.NONE, false))
                .hasMessage("--agents must name at least one agent type");
        assertThatThrownBy(
                        () -> new DeployRequest("tdd", null, List.of("a b"), 5, false, Mapping.Conditions.NONE, false))
                .hasMessage("agent type must be 1-64 letters, digits, '_' or '-', but was 'a b'");
        assertThatThrownBy(
                        () -> new DeployRequest("../x", null, List.of("a"), 5, false, Mapping.Conditions.NONE, false))
                .hasMessage("skill name must not contain '/', '\\' or '..', but was '../x'");
    }

    private static DeployRequest request(String skill, SemVer version) {
        return new DeployRequest(skill, version, List.of("coder"), 5, false, Mapping.Conditions.NONE, false);
    }
}
