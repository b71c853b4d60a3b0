package dev.cfn.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.cfn.InvalidInputException;
import dev.cfn.skills.file.ApprovalLevel;
import dev.cfn.skills.file.SemVer;
import dev.cfn.testing.SkillMd;
import dev.cfn.testing.SqliteTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SkillRegistryDecisionTest extends SqliteTest {

    @BeforeEach
    void proposeAHumanLevelSkill() {
        propose(SkillMd.of("billing").category("domain"));
        clock.advance(Duration.ofHours(2));
    }

    @Test
    void approve_moves_a_pending_version_to_approved_and_records_who_and_why() {
        ApprovalRecord record = registry.approve("billing", null, "alice", "looks right");

        assertThat(record)
                .isEqualTo(new ApprovalRecord(
                        "billing",
                        "1.0.0",
                        ApprovalLevel.HUMAN,
                        "alice",
                        ApprovalDecision.APPROVED,
                        "looks right",
                        clock.millis()));
        assertThat(registry.version("billing", SemVer.INITIAL).state()).isEqualTo(VersionState.APPROVED);
        assertThat(registry.history("billing")).containsExactly(record);
        assertThat(registry.pending()).isEmpty();
    }

    @Test
    void approving_twice_is_an_invalid_transition_and_changes_nothing() {
        registry.approve("billing", null, "alice", null);

        assertFailsAndChangesNothing(
                () -> registry.approve("billing", SemVer.INITIAL, "bob", null),
                InvalidTransitionException.class,
                "version 1.0.0 of 'billing' is already approved");
        assertFailsAndChangesNothing(
                () -> registry.approve("billing", null, "bob", null),
                InvalidTransitionException.class,
                "skill 'billing' has no version awaiting a decision");
    }

    @Test
    void an_auto_approved_version_cannot_be_approved_again() {
        propose(SkillMd.of("tdd"));

        assertFailsAndChangesNothing(
                () -> registry.approve("tdd", SemVer.INITIAL, "alice", null),
                InvalidTransitionException.class,
                "version 1.0.0 of 'tdd' is already approved");
    }

    @Test
    void approve_names_the_missing_skill_or_version() {
        assertFailsAndChangesNothing(
                () -> registry.approve("nope", null, "alice", null),
                SkillNotFoundException.class,
                "skill 'nope' does not exist");
        assertFailsAndChangesNothing(
                () -> registry.approve("billing", new SemVer(9, 9, 9), "alice", null),
                SkillNotFoundException.class,
                "skill 'billing' has no version 9.9.9");
    }

    @Test
    void approve_and_reject_validate_their_options_first() {
        assertFailsAndChangesNothing(
                () -> registry.approve("billing", null, " ", null),
                InvalidInputException.class,
                "--approver is required and must not be empty");
        assertFailsAndChangesNothing(
                () -> registry.reject("billing", null, "alice", null),
                InvalidInputException.class,
                "--reason is required and must not be empty");
        assertFailsAndChangesNothing(
                () -> registry.approve("Billing", null, "alice", null),
                InvalidInputException.class,
                "skill name must be 1-64 lowercase letters, digits or hyphens, but was 'Billing'");
    }

    @Test
    void rejecting_the_only_version_archives_the_skill() {
        ApprovalRecord record = registry.reject("billing", null, "alice", "wrong team");

        assertThat(record.decision()).isEqualTo(ApprovalDecision.REJECTED);
        assertThat(registry.version("billing", SemVer.INITIAL).state()).isEqualTo(VersionState.REJECTED);
        assertThat(registry.skill("billing").status()).isEqualTo(SkillStatus.ARCHIVED);
        assertThat(registry.pending()).isEmpty();
        assertThat(registry.history("billing"))
                .extracting(ApprovalRecord::decision, ApprovalRecord::approver, ApprovalRecord::reasoning)
                .containsExactly(tuple(ApprovalDecision.REJECTED, "alice", "wrong team"));
    }

    @Test
    void a_new_version_of_an_archived_skill_makes_it_active_again() {
        registry.reject("billing", null, "alice", "wrong team");

        propose(SkillMd.of("billing").category("domain").version("1.1.0"));

        assertThat(registry.skill("billing").status()).isEqualTo(SkillStatus.ACTIVE);
        assertThat(registry.pending()).extracting(PendingVersion::version).containsExactly("1.1.0");
    }

    @Test
    void rejecting_a_new_version_keeps_a_skill_with_an_approved_one_active() {
        registry.approve("billing", null, "alice", null);
        propose(SkillMd.of("billing").category("domain").version("1.1.0"));

        registry.reject("billing", null, "bob", "breaks the API");

        assertThat(registry.skill("billing").status()).isEqualTo(SkillStatus.ACTIVE);
        assertThat(registry.versions("billing"))
                .extracting(v -> v.version().toString(), SkillVersion::state)
                .containsExactly(tuple("1.0.0", VersionState.APPROVED), tuple("1.1.0", VersionState.REJECTED));
    }

    @Test
    void a_rejected_version_cannot_be_approved() {
        registry.reject("billing", null, "alice", "no");

        assertFailsAndChangesNothing(
                () -> registry.approve("billing", SemVer.INITIAL, "bob", null),
                InvalidTransitionException.class,
                "version 1.0.0 of 'billing' is already rejected");
    }

    @Test
    void escalate_raises_the_level_and_an_expert_can_then_approve() {
        ApprovalRecord escalated = registry.escalate("billing", null, "touches payments");

        assertThat(escalated)
                .isEqualTo(new ApprovalRecord(
                        "billing",
                        "1.0.0",
                        ApprovalLevel.HUMAN,
                        "system",
                        ApprovalDecision.ESCALATED,
                        "touches payments",
                        clock.millis()));
        assertThat(registry.skill("billing").approvalLevel()).isEqualTo(ApprovalLevel.ESCALATE);
        SkillVersion version = registry.version("billing", SemVer.INITIAL);
        assertThat(version.state()).isEqualTo(VersionState.ESCALATED);
        assertThat(version.approvalLevel()).isEqualTo(ApprovalLevel.ESCALATE);
        assertThat(registry.pending())
                .extracting(PendingVersion::level, PendingVersion::state)
                .containsExactly(tuple(ApprovalLevel.ESCALATE, VersionState.ESCALATED));

        registry.approve("billing", null, "expert", "ok");

        assertThat(registry.history("billing"))
                .extracting(ApprovalRecord::decision, ApprovalRecord::level, ApprovalRecord::approver)
                .containsExactly(
                        tuple(ApprovalDecision.ESCALATED, ApprovalLevel.HUMAN, "system"),
                        tuple(ApprovalDecision.APPROVED, ApprovalLevel.ESCALATE, "expert"));
    }

    @Test
    void escalate_needs_a_reason_and_a_version_awaiting_a_decision() {
        assertFailsAndChangesNothing(
                () -> registry.escalate("billing", null, ""),
                InvalidInputException.class,
                "--reason is required and must not be empty");
        registry.approve("billing", null, "alice", null);
        assertFailsAndChangesNothing(
                () -> registry.escalate("billing", null, "why"),
                InvalidTransitionException.class,
                "skill 'billing' has no version awaiting a decision");
    }

    @Test
    void approve_without_a_version_picks_the_newest_awaiting_one() {
        propose(SkillMd.of("billing").category("domain").version("1.1.0"));

        assertThat(registry.approve("billing", null, "alice", null).version()).isEqualTo("1.1.0");
        assertThat(registry.approve("billing", null, "alice", null).version()).isEqualTo("1.0.0");
    }

    @Test
    void pending_lists_oldest_first_and_drops_decided_versions() {
        clock.advance(Duration.ofMinutes(1));
        propose(SkillMd.of("later").category("infrastructure"));
        propose(SkillMd.of("gone").category("domain"));
        registry.reject("gone", null, "alice", "no");

        assertThat(registry.pending()).extracting(PendingVersion::skill).containsExactly("billing", "later");
    }
}
