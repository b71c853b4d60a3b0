package dev.cfn.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cfn.InvalidInputException;
import dev.cfn.skills.file.ApprovalLevel;
import dev.cfn.skills.file.ChangeType;
import dev.cfn.skills.file.SemVer;
import dev.cfn.skills.file.SkillFile;
import dev.cfn.store.ChangeEpochs;
import dev.cfn.store.SqliteDatabase;
import dev.cfn.testing.SkillMd;
import dev.cfn.testing.SqliteTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SkillRegistryUpdateTest extends SqliteTest {
    private static final LoadRequest CODER = LoadRequest.of("coder");

    @BeforeEach
    void deployTwoSkills() {
        propose(SkillMd.of("tdd"));
        registry.deploy(
                new DeployRequest("tdd", null, List.of("coder", "tester"), 3, false, Mapping.Conditions.NONE, false));
        propose(SkillMd.of("billing").category("domain"));
        registry.approve("billing", null, "alice", null);
        registry.deploy(new DeployRequest("billing", null, List.of("coder"), 1, true, Mapping.Conditions.NONE, false));
    }

    @Test
    void update_adds_approves_and_deploys_the_new_version_in_one_transaction() {
        long epoch = epoch(ChangeEpochs.SKILLS);
        var mappings = registry.mappings("tdd");

        SkillVersion updated = registry.update("tdd", file(SkillMd.of("tdd").version("1.1.0")), ChangeType.MINOR, null);

        assertThat(updated.version()).isEqualTo(new SemVer(1, 1, 0));
        assertThat(updated.state()).isEqualTo(VersionState.APPROVED);
        Skill skill = registry.skill("tdd");
        assertThat(skill.latestVersion()).isEqualTo("1.1.0");
        assertThat(skill.deployedVersion()).isEqualTo("1.1.0");
        assertThat(registry.mappings("tdd")).isEqualTo(mappings);
        assertThat(registry.history("tdd"))
                .last()
                .isEqualTo(new ApprovalRecord(
                        "tdd",
                        "1.1.0",
                        ApprovalLevel.AUTO,
                        "system",
                        ApprovalDecision.APPROVED,
                        "update (minor) from 1.0.0",
                        clock.millis()));
        assertThat(epoch(ChangeEpochs.SKILLS)).isEqualTo(epoch + 1);
    }

    @Test
    void a_review_level_skill_update_is_pending_whatever_the_approver_and_nothing_else_changes() {
        long epoch = epoch(ChangeEpochs.SKILLS);

        SkillVersion pending = registry.update(
                "billing", file(SkillMd.of("billing").category("domain").version("1.0.1")), null, "bob");

        assertThat(pending.state()).isEqualTo(VersionState.PENDING);
        assertThat(registry.skill("billing").deployedVersion()).isEqualTo("1.0.0");
        assertThat(registry.skill("billing").latestVersion()).isEqualTo("1.0.1");
        assertThat(registry.history("billing"))
                .extracting(ApprovalRecord::approver)
                .containsExactly("alice");
        assertThat(epoch(ChangeEpochs.SKILLS)).isEqualTo(epoch + 1);
    }

    @Test
    void a_declared_change_type_that_does_not_match_the_bump_is_a_conflict() {
        SkillFile patch = file(SkillMd.of("tdd").version("1.0.1"));
        SkillFile major = file(SkillMd.of("tdd").version("2.0.0"));

        assertFailsAndChangesNothing(
                () -> registry.update("tdd", patch, ChangeType.MINOR, null),
                VersionConflictException.class,
                "--change minor does not match the version bump 1.0.0 -> 1.0.1 (patch)");
        assertFailsAndChangesNothing(
                () -> registry.update("tdd", major, ChangeType.MINOR, null),
                VersionConflictException.class,
                "--change minor does not match the version bump 1.0.0 -> 2.0.0 (major)");
    }

    @Test
    void an_update_whose_version_does_not_increase_or_whose_content_is_unchanged_is_a_conflict() {
        SkillFile same = file(SkillMd.of("tdd").version("1.0.0").body("new body"));
        SkillFile unchanged = file(SkillMd.of("tdd"));

        assertFailsAndChangesNothing(
                () -> registry.update("tdd", same, null, null),
                VersionConflictException.class,
                same.path() + ": version 1.0.0 of 'tdd' must be greater than the latest 1.0.0");
        assertFailsAndChangesNothing(
                () -> registry.update("tdd", unchanged, null, null),
                VersionConflictException.class,
                unchanged.path() + ": content is unchanged from 'tdd' 1.0.0 (same SHA-256)");
    }

    @Test
    void an_update_with_another_skills_file_is_invalid_input() {
        SkillFile other = file(SkillMd.of("other").version("1.1.0"));

        assertFailsAndChangesNothing(
                () -> registry.update("tdd", other, null, null),
                InvalidInputException.class,
                other.path() + ": front matter 'name' must be 'tdd', but was 'other'");
    }

    @Test
    void updating_a_missing_or_deprecated_skill_is_refused() {
        SkillFile ghost = file(SkillMd.of("ghost").version("1.1.0"));
        assertFailsAndChangesNothing(
                () -> registry.update("ghost", ghost, null, null),
                SkillNotFoundException.class,
                "skill 'ghost' does not exist");
        registry.deprecate("tdd", null, null);
        SkillFile next = file(SkillMd.of("tdd").version("1.1.0"));
        assertFailsAndChangesNothing(
                () -> registry.update("tdd", next, null, null),
                InvalidTransitionException.class,
                "skill 'tdd' is deprecated: cannot update it");
    }

    @Test
    void every_loader_sees_the_new_version_right_after_the_update() {
        SkillLoader local = new SkillLoader(db, registry, 100);
        try (SqliteDatabase otherProcess = SqliteDatabase.open(dbFile())) {
            SkillLoader remote = new SkillLoader(otherProcess, new SkillRegistry(otherProcess, clock), 100);
            assertThat(versionOf(local.load(CODER), "tdd")).isEqualTo("1.0.0");
            assertThat(versionOf(remote.load(CODER), "tdd")).isEqualTo("1.0.0");
            assertThat(versionOf(remote.load(CODER), "tdd")).isEqualTo("1.0.0");

            registry.update("tdd", file(SkillMd.of("tdd").version("1.0.1")), ChangeType.PATCH, null);

            // Same registry: the commit itself drops the cache, no waiting at all.
            assertThat(versionOf(local.load(CODER), "tdd")).isEqualTo("1.0.1");
            // Another database handle on the file: noticed through the change epoch within 1 ms.
            await().atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> versionOf(remote.load(CODER), "tdd").equals("1.0.1"));
            assertThat(remote.stats().hitCount()).isPositive();
        }
    }

    @Test
    void a_loader_of_another_database_handle_sees_an_update_made_there() {
        try (SqliteDatabase otherProcess = SqliteDatabase.open(dbFile())) {
            SkillLoader local = new SkillLoader(db, registry, 100);
            assertThat(versionOf(local.load(CODER), "billing")).isEqualTo("1.0.0");

            new SkillRegistry(otherProcess, clock)
                    .update(
                            "billing",
                            file(SkillMd.of("billing").category("domain").version("1.1.0")),
                            null,
                            null);
            new SkillRegistry(otherProcess, clock).approve("billing", null, "bob", "reviewed");

            await().atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> versionOf(local.load(CODER), "billing").equals("1.1.0"));
        }
    }

    private static String versionOf(List<LoadedSkill> loaded, String name) {
        return loaded.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow()
                .version();
    }
}
