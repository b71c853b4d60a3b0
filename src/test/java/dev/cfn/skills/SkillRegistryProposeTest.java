package dev.cfn.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.ConflictException;
import dev.cfn.skills.file.ApprovalLevel;
import dev.cfn.skills.file.SkillFile;
import dev.cfn.skills.file.SkillFileException;
import dev.cfn.skills.file.SkillTree;
import dev.cfn.store.ChangeEpochs;
import dev.cfn.testing.DbDump;
import dev.cfn.testing.SkillMd;
import dev.cfn.testing.SqliteTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkillRegistryProposeTest extends SqliteTest {

    @Test
    void an_auto_level_skill_is_approved_by_system_with_a_history_row() {
        ProposeResult result = propose(SkillMd.of("tdd").category("testing"));

        assertThat(result)
                .isEqualTo(new ProposeResult("tdd", "1.0.0", VersionState.APPROVED, ProposeResult.Outcome.CREATED));
        Skill skill = registry.skill("tdd");
        assertThat(skill.approvalLevel()).isEqualTo(ApprovalLevel.AUTO);
        assertThat(skill.status()).isEqualTo(SkillStatus.ACTIVE);
        assertThat(skill.latestVersion()).isEqualTo("1.0.0");
        assertThat(skill.deployedVersion()).isNull();
        assertThat(registry.history("tdd"))
                .containsExactly(new ApprovalRecord(
                        "tdd",
                        "1.0.0",
                        ApprovalLevel.AUTO,
                        "system",
                        ApprovalDecision.APPROVED,
                        "auto-approved: category testing needs no review",
                        clock.millis()));
        assertThat(registry.pending()).isEmpty();
    }

    @Test
    void coordination_and_foundation_skills_approve_themselves_too() {
        assertThat(propose(SkillMd.of("coord").category("coordination")).state())
                .isEqualTo(VersionState.APPROVED);
        assertThat(propose(SkillMd.of("found").category("foundation")).state()).isEqualTo(VersionState.APPROVED);
    }

    @Test
    void human_and_escalate_level_skills_wait_for_review_without_history() {
        ProposeResult domain = propose(SkillMd.of("billing").category("domain"));
        ProposeResult infra = propose(SkillMd.of("k8s").category("infrastructure"));

        assertThat(domain.state()).isEqualTo(VersionState.PENDING);
        assertThat(infra.state()).isEqualTo(VersionState.PENDING);
        assertThat(registry.skill("billing").approvalLevel()).isEqualTo(ApprovalLevel.HUMAN);
        assertThat(registry.skill("k8s").approvalLevel()).isEqualTo(ApprovalLevel.ESCALATE);
        assertThat(registry.pending())
                .extracting(PendingVersion::skill, PendingVersion::level, PendingVersion::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("billing", ApprovalLevel.HUMAN, VersionState.PENDING),
                        org.assertj.core.groups.Tuple.tuple("k8s", ApprovalLevel.ESCALATE, VersionState.PENDING));
        assertThat(count("approval_history")).isZero();
    }

    @Test
    void a_greater_version_is_added_to_the_existing_skill() {
        propose(SkillMd.of("tdd"));

        ProposeResult result = propose(SkillMd.of("tdd").version("1.1.0"));

        assertThat(result.outcome()).isEqualTo(ProposeResult.Outcome.ADDED_VERSION);
        assertThat(registry.skill("tdd").latestVersion()).isEqualTo("1.1.0");
        assertThat(registry.versions("tdd"))
                .extracting(v -> v.version().toString())
                .containsExactly("1.0.0", "1.1.0");
        assertThat(count("skills")).isEqualTo(1);
    }

    @Test
    void a_version_that_does_not_increase_is_a_conflict_and_changes_nothing() {
        propose(SkillMd.of("tdd").version("1.2.0"));
        SkillFile older = file(SkillMd.of("tdd").version("1.1.9").body("other body"));
        SkillFile same = file(SkillMd.of("tdd").version("1.2.0").body("other body"));
        long epoch = epoch(ChangeEpochs.SKILLS);

        assertFailsAndChangesNothing(
                () -> registry.propose(List.of(older), null, false),
                VersionConflictException.class,
                older.path() + ": version 1.1.9 of 'tdd' must be greater than the latest 1.2.0");
        assertFailsAndChangesNothing(
                () -> registry.propose(List.of(same), null, false),
                VersionConflictException.class,
                same.path() + ": version 1.2.0 of 'tdd' must be greater than the latest 1.2.0");
        assertThat(epoch(ChangeEpochs.SKILLS)).isEqualTo(epoch);
        assertThat(new VersionConflictException("x")).isInstanceOf(ConflictException.class);
    }

    @Test
    void unchanged_content_is_a_conflict_on_propose() {
        SkillMd md = SkillMd.of("tdd");
        propose(md);
        SkillFile again = file(md);

        assertFailsAndChangesNothing(
                () -> registry.propose(List.of(again), null, false),
                VersionConflictException.class,
                again.path() + ": content is unchanged from 'tdd' 1.0.0 (same SHA-256)");
    }

    @Test
    void unchanged_content_is_skipped_on_import() {
        SkillMd md = SkillMd.of("tdd");
        propose(md);
        var before = dump();

        List<ProposeResult> results = registry.propose(List.of(file(md)), null, true);

        assertThat(results)
                .containsExactly(
                        new ProposeResult("tdd", "1.0.0", VersionState.APPROVED, ProposeResult.Outcome.UNCHANGED));
        // Only the change epoch moves: the import ran as a (no-op) transaction.
        var after = dump();
        after.remove("change_epochs");
        before.remove("change_epochs");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void import_with_an_approver_approves_review_levels_as_that_approver() {
        List<ProposeResult> results = registry.propose(
                List.of(file(SkillMd.of("billing").category("domain")), file(SkillMd.of("tdd"))), "alice", true);

        assertThat(results).extracting(ProposeResult::state).containsOnly(VersionState.APPROVED);
        assertThat(registry.history("billing"))
                .extracting(ApprovalRecord::approver, ApprovalRecord::reasoning)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", "approved on import"));
        assertThat(registry.history("tdd")).extracting(ApprovalRecord::approver).containsExactly("alice");
    }

    @Test
    void an_import_with_one_conflicting_file_rolls_back_every_file() {
        propose(SkillMd.of("b-skill").version("2.0.0"));
        List<SkillFile> files = List.of(
                file(SkillMd.of("a-skill")), file(SkillMd.of("b-skill").version("1.5.0")), file(SkillMd.of("c-skill")));

        assertFailsAndChangesNothing(
                () -> registry.propose(files, null, true),
                VersionConflictException.class,
                files.get(1).path() + ": version 1.5.0 of 'b-skill' must be greater than the latest 2.0.0");
        assertThatThrownBy(() -> registry.skill("a-skill")).isInstanceOf(SkillNotFoundException.class);
    }

    @Test
    void an_import_with_one_unparsable_file_fails_naming_it_before_anything_is_written() throws Exception {
        Path tree = dir.resolve("tree");
        SkillMd.of("good-one").writeIn(tree);
        SkillMd.of("good-two").writeIn(tree.resolve("nested"));
        Path bad = SkillMd.of("bad").writeIn(tree);
        java.nio.file.Files.writeString(bad, "---\nname: bad\n---\nno description\n");
        var before = dump();

        assertThatThrownBy(() -> registry.propose(
                        SkillTree.parseAll(registry.parser(), SkillTree.find(tree, true), n -> {}), null, true))
                .isExactlyInstanceOf(SkillFileException.class)
                .hasMessage(bad + ":1: front matter 'description' is required and must be a non-empty string");
        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void a_name_defined_twice_in_one_import_is_a_conflict_naming_both_files() {
        SkillFile first = file(SkillMd.of("twin"));
        SkillFile second = file(SkillMd.of("twin").version("1.1.0"));

        assertFailsAndChangesNothing(
                () -> registry.propose(List.of(first, second), null, true),
                ConflictException.class,
                second.path() + ": skill 'twin' is defined twice (also in " + first.path() + ")");
    }

    @Test
    void the_tree_is_searched_at_any_depth_when_recursive_and_one_level_down_otherwise() {
        Path tree = dir.resolve("tree");
        Path top = SkillMd.of("top").writeIn(tree);
        Path deep = SkillMd.of("deep").writeIn(tree.resolve("a").resolve("b"));

        assertThat(SkillTree.find(tree, true)).containsExactlyInAnyOrder(top, deep);
        assertThat(SkillTree.find(tree, false)).containsExactly(top);
        assertThat(SkillTree.find(top, false)).containsExactly(top);
    }

    @Test
    void a_missing_path_or_a_folder_without_skills_is_invalid_input() throws Exception {
        Path empty = java.nio.file.Files.createDirectories(dir.resolve("empty"));
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> SkillTree.find(empty, true))
                .isExactlyInstanceOf(dev.cfn.InvalidInputException.class)
                .hasMessage(empty + ": no SKILL.md found in this folder");
        assertThatThrownBy(() -> SkillTree.find(missing, true))
                .isExactlyInstanceOf(dev.cfn.InvalidInputException.class)
                .hasMessage(missing + ": no such file or folder");
    }

    @Test
    void front_matter_keeps_unknown_keys_in_the_stored_version() {
        propose(SkillMd.of("tdd").line("x-custom: {depth: 2}").line("team: qa"));

        SkillVersion version = registry.version("tdd", null);
        assertThat(version.frontMatterJson()).contains("\"x-custom\":{\"depth\":2}");
        assertThat(registry.skill("tdd").team()).isEqualTo("qa");
    }

    @Test
    void every_write_bumps_the_skills_epoch_once() {
        long before = epoch(ChangeEpochs.SKILLS);

        registry.propose(List.of(file(SkillMd.of("a")), file(SkillMd.of("b"))), null, false);

        assertThat(epoch(ChangeEpochs.SKILLS)).isEqualTo(before + 1);
        assertThat(DbDump.counts(dump()))
                .containsEntry("skills", 2)
                .containsEntry("skill_versions", 2)
                .containsEntry("approval_history", 2);
    }
}
