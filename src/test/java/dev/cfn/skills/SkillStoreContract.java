package dev.cfn.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.cfn.CfnException;
import dev.cfn.NotFoundException;
import dev.cfn.cache.LocalQueryCache;
import dev.cfn.skills.analytics.SkillAnalytics;
import dev.cfn.skills.file.ApprovalLevel;
import dev.cfn.skills.file.ChangeType;
import dev.cfn.skills.file.SemVer;
import dev.cfn.skills.file.SkillFile;
import dev.cfn.skills.file.SkillFileParser;
import dev.cfn.store.Database;
import dev.cfn.store.UsageEvent;
import dev.cfn.store.UsageLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The skill store's contract, run against every database cfn supports: the registry lifecycle
 * (propose, approve, deploy, update, roll back), load order, analytics, the usage log and the
 * immutability of versions must behave the same on each, and two writers racing on one skill must
 * never lose an update. A subclass provides an empty store per test.
 */
public abstract class SkillStoreContract {
    private static final SkillFileParser PARSER = new SkillFileParser();

    @TempDir
    protected Path dir;

    protected final ContractClock clock = new ContractClock();
    protected Database db;
    protected SkillRegistry registry;

    /** Makes this test's store empty; called before each test. */
    protected abstract void resetStore() throws Exception;

    /** Opens this test's store; each call is a new, independent handle on the same data. */
    protected abstract Database openStore();

    @BeforeEach
    void open() throws Exception {
        resetStore();
        db = openStore();
        registry = new SkillRegistry(db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static SkillFile skill(String name, String version, String category, String body) {
        String text = "---\nname: " + name + "\ndescription: Contract test skill " + name + ".\nversion: " + version
                + "\ncategory: " + category + "\n---\n\n" + body + "\n";
        return PARSER.parse(Path.of(name, "SKILL.md"), text.getBytes(StandardCharsets.UTF_8), name);
    }

    private void propose(SkillFile... files) {
        registry.propose(List.of(files), null, false);
    }

    private void deploy(String name, int priority, boolean required, String... agents) {
        registry.deploy(
                new DeployRequest(name, null, List.of(agents), priority, required, Mapping.Conditions.NONE, false));
    }

    @Test
    void a_self_approving_category_is_approved_on_propose() {
        var results = registry.propose(List.of(skill("alpha", "1.0.0", "testing", "one")), null, false);

        assertThat(results)
                .containsExactly(
                        new ProposeResult("alpha", "1.0.0", VersionState.APPROVED, ProposeResult.Outcome.CREATED));
        Skill alpha = registry.skill("alpha");
        assertThat(alpha.latestVersion()).isEqualTo("1.0.0");
        assertThat(alpha.deployedVersion()).isNull();
        assertThat(registry.history("alpha"))
                .extracting(ApprovalRecord::approver)
                .containsExactly("system");
    }

    @Test
    void a_human_level_version_stays_pending_until_approved() {
        propose(skill("beta", "1.0.0", "domain", "one"));
        assertThat(registry.pending()).extracting(PendingVersion::skill).containsExactly("beta");

        clock.advance(Duration.ofHours(2));
        registry.approve("beta", null, "alice@example.com", "reviewed");

        assertThat(registry.version("beta", SemVer.parse("1.0.0")).state()).isEqualTo(VersionState.APPROVED);
        assertThat(registry.pending()).isEmpty();
        assertThat(registry.history("beta"))
                .extracting(ApprovalRecord::approver, ApprovalRecord::decision)
                .containsExactly(tuple("alice@example.com", ApprovalDecision.APPROVED));
    }

    @Test
    void approving_twice_is_a_conflict_and_changes_nothing() {
        propose(skill("beta", "1.0.0", "domain", "one"));
        registry.approve("beta", null, "alice@example.com", "reviewed");

        assertThatThrownBy(() -> registry.approve("beta", SemVer.parse("1.0.0"), "bob@example.com", "again"))
                .isInstanceOf(InvalidTransitionException.class)
                .hasMessage("version 1.0.0 of 'beta' is already approved");
        assertThat(registry.history("beta")).hasSize(1);
    }

    @Test
    void update_adds_approves_and_redeploys_the_new_version() {
        propose(skill("alpha", "1.0.0", "testing", "one"));
        deploy("alpha", 3, false, "coder");

        SkillVersion updated =
                registry.update("alpha", skill("alpha", "1.1.0", "testing", "two"), ChangeType.MINOR, null);

        assertThat(updated.state()).isEqualTo(VersionState.APPROVED);
        Skill alpha = registry.skill("alpha");
        assertThat(alpha.latestVersion()).isEqualTo("1.1.0");
        assertThat(alpha.deployedVersion()).isEqualTo("1.1.0");
        assertThat(loader().load(LoadRequest.of("coder")))
                .extracting(LoadedSkill::name, LoadedSkill::version)
                .containsExactly(tuple("alpha", "1.1.0"));
    }

    @Test
    void a_review_level_update_waits_for_approval_and_approving_deploys_it_to_the_same_mappings() {
        propose(skill("beta", "1.0.0", "domain", "one"));
        registry.approve("beta", null, "alice@example.com", "reviewed");
        deploy("beta", 2, true, "coder", "tester");
        var mappings = registry.mappings("beta");

        SkillVersion pending = registry.update("beta", skill("beta", "1.1.0", "domain", "two"), null, "mallory");

        assertThat(pending.state()).isEqualTo(VersionState.PENDING);
        assertThat(pending.approvalLevel()).isEqualTo(ApprovalLevel.HUMAN);
        assertThat(registry.skill("beta").deployedVersion()).isEqualTo("1.0.0");
        assertThat(loader().load(LoadRequest.of("coder")))
                .extracting(LoadedSkill::name, LoadedSkill::version)
                .containsExactly(tuple("beta", "1.0.0"));
        assertThat(registry.pending())
                .extracting(PendingVersion::skill, PendingVersion::version, PendingVersion::origin)
                .containsExactly(tuple("beta", "1.1.0", new SkillOrigin(SkillOrigin.UPDATE, null)));

        registry.approve("beta", null, "bob@example.com", "reviewed the update");

        assertThat(registry.skill("beta").deployedVersion()).isEqualTo("1.1.0");
        assertThat(registry.mappings("beta")).isEqualTo(mappings);
        assertThat(loader().load(LoadRequest.of("tester")))
                .extracting(LoadedSkill::name, LoadedSkill::version)
                .containsExactly(tuple("beta", "1.1.0"));
        assertThat(registry.history("beta"))
                .extracting(ApprovalRecord::version, ApprovalRecord::approver)
                .containsExactly(tuple("1.0.0", "alice@example.com"), tuple("1.1.0", "bob@example.com"));
    }

    @Test
    void changing_the_category_to_one_that_approves_itself_does_not_skip_the_review() {
        propose(skill("beta", "1.0.0", "infrastructure", "one"));
        registry.approve("beta", null, "alice@example.com", "reviewed");
        deploy("beta", 2, false, "coder");

        SkillVersion pending = registry.update("beta", skill("beta", "1.0.1", "testing", "two"), null, null);

        assertThat(pending.state()).isEqualTo(VersionState.PENDING);
        assertThat(pending.approvalLevel()).isEqualTo(ApprovalLevel.ESCALATE);
        assertThat(registry.skill("beta").approvalLevel()).isEqualTo(ApprovalLevel.ESCALATE);
        assertThat(registry.skill("beta").deployedVersion()).isEqualTo("1.0.0");
        // and the other way: an auto-level skill moving to domain waits for a human
        propose(skill("alpha", "1.0.0", "testing", "one"));
        SkillVersion stricter = registry.update("alpha", skill("alpha", "2.0.0", "domain", "two"), null, null);
        assertThat(stricter.approvalLevel()).isEqualTo(ApprovalLevel.HUMAN);
        assertThat(stricter.state()).isEqualTo(VersionState.PENDING);
    }

    @Test
    void a_rejected_update_leaves_the_deployed_version_in_place() {
        propose(skill("beta", "1.0.0", "domain", "one"));
        registry.approve("beta", null, "alice@example.com", "reviewed");
        deploy("beta", 2, false, "coder");
        registry.update("beta", skill("beta", "1.1.0", "domain", "two"), null, null);

        registry.reject("beta", null, "bob@example.com", "not this");

        assertThat(registry.skill("beta").deployedVersion()).isEqualTo("1.0.0");
        assertThat(registry.skill("beta").status()).isEqualTo(SkillStatus.ACTIVE);
    }

    @Test
    void a_reflection_proposal_waits_for_approval_even_in_a_self_approving_category_and_is_never_deployed() {
        propose(skill("alpha", "1.0.0", "testing", "one"));
        deploy("alpha", 3, false, "coder");

        registry.proposePending(skill("alpha", "1.1.0", "testing", "learned"), SkillOrigin.reflection("run-1"));
        registry.proposePending(skill("gamma", "0.1.0", "testing", "new"), SkillOrigin.reflection("run-1"));

        assertThat(registry.pending())
                .extracting(PendingVersion::skill, PendingVersion::state, PendingVersion::origin)
                .containsExactly(
                        tuple("alpha", VersionState.PENDING, SkillOrigin.reflection("run-1")),
                        tuple("gamma", VersionState.PENDING, SkillOrigin.reflection("run-1")));
        registry.approve("alpha", null, "alice@example.com", "good lesson");
        assertThat(registry.skill("alpha").deployedVersion()).isEqualTo("1.0.0");
        assertThat(registry.version("alpha", SemVer.parse("1.1.0")).state()).isEqualTo(VersionState.APPROVED);
    }

    @Test
    void an_import_lists_every_conflicting_file_and_writes_nothing_or_with_skip_writes_the_others() {
        propose(skill("alpha", "2.0.0", "testing", "one"), skill("beta", "1.0.0", "testing", "one"));
        List<SkillFile> tree = List.of(
                skill("alpha", "1.0.0", "testing", "older"),
                skill("beta", "1.0.0", "testing", "changed but same version"),
                skill("gamma", "1.0.0", "testing", "new"));

        assertThatThrownBy(() -> registry.importFiles(tree, null, false))
                .isInstanceOfSatisfying(
                        SkillRegistry.ImportRejected.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        Path.of("alpha", "SKILL.md")
                                                + ":4: version 1.0.0 of 'alpha' must be greater than"
                                                + " the latest 2.0.0",
                                        Path.of("beta", "SKILL.md") + ":4: version 1.0.0 of 'beta' must be greater than"
                                                + " the latest 1.0.0"));
        assertThat(registry.list(null, null, false)).extracting(Skill::name).containsExactly("alpha", "beta");

        var imported = registry.importFiles(tree, null, true);

        assertThat(imported.conflicts()).hasSize(2);
        assertThat(imported.results()).extracting(ProposeResult::skill).containsExactly("gamma");
        assertThat(registry.list(null, null, false)).extracting(Skill::name).containsExactly("alpha", "beta", "gamma");
    }

    @Test
    void update_is_rejected_when_version_does_not_increase() {
        propose(skill("alpha", "1.0.0", "testing", "one"));
        registry.update("alpha", skill("alpha", "1.1.0", "testing", "two"), null, null);

        assertThatThrownBy(() -> registry.update("alpha", skill("alpha", "1.0.5", "testing", "three"), null, null))
                .isInstanceOf(VersionConflictException.class)
                .hasMessage("alpha/SKILL.md: version 1.0.5 of 'alpha' must be greater than the latest 1.1.0");
        assertThat(registry.versions("alpha"))
                .extracting(v -> v.version().toString())
                .containsExactly("1.0.0", "1.1.0");
        assertThat(registry.skill("alpha").latestVersion()).isEqualTo("1.1.0");
    }

    @Test
    void rollback_deploys_an_earlier_approved_version_again() {
        propose(skill("alpha", "1.0.0", "testing", "one"));
        deploy("alpha", 5, false, "coder");
        registry.update("alpha", skill("alpha", "2.0.0", "testing", "two"), null, null);

        registry.rollback("alpha", SemVer.parse("1.0.0"));

        assertThat(registry.skill("alpha").deployedVersion()).isEqualTo("1.0.0");
        assertThat(registry.skill("alpha").latestVersion()).isEqualTo("2.0.0");
        assertThat(loader().load(LoadRequest.of("coder")))
                .extracting(LoadedSkill::version)
                .containsExactly("1.0.0");
    }

    @Test
    void load_order_is_required_then_priority_then_names_in_byte_order() {
        // Byte order puts '-' before letters; a linguistic collation would sort "b-c" after "bb".
        propose(
                skill("bb", "1.0.0", "testing", "x"),
                skill("b-c", "1.0.0", "testing", "x"),
                skill("ba", "1.0.0", "testing", "x"),
                skill("zeta", "1.0.0", "testing", "x"),
                skill("omega", "1.0.0", "testing", "x"));
        deploy("bb", 5, false, "coder");
        deploy("b-c", 5, false, "coder");
        deploy("ba", 5, false, "coder");
        deploy("zeta", 1, false, "coder");
        deploy("omega", 9, true, "coder");

        assertThat(loader().load(LoadRequest.of("coder")))
                .extracting(LoadedSkill::name)
                .containsExactly("omega", "zeta", "b-c", "ba", "bb");
        assertThat(registry.list(null, null, false))
                .extracting(Skill::name)
                .containsExactly("b-c", "ba", "bb", "omega", "zeta");
    }

    @Test
    void analytics_report_usage_counts_as_longs_and_averages_as_doubles() {
        propose(skill("alpha", "1.0.0", "testing", "one"));
        try (UsageLog log = UsageLog.open(db, clock, dir.resolve("logs"))) {
            log.log(new UsageEvent("coder-1", "coder", "alpha", null, "t1", "loop3", 0, 1000L, 0.5, 0.75));
            log.log(new UsageEvent("coder-2", "coder", "alpha", null, "t2", "loop3", 1, 2000L, 0.5, 0.75));
        }
        var analytics = new SkillAnalytics(db, new LocalQueryCache(100), clock);

        assertThat(analytics.report("effectiveness", 30).rows())
                .containsExactly(Map.of(
                        "level",
                        "auto",
                        "skills",
                        1L,
                        "uses",
                        2L,
                        "avg_confidence_gain",
                        0.25,
                        "avg_duration_ms",
                        1500.0));
        assertThat(analytics.report("usage", 30).rows().getFirst())
                .containsEntry("skill", "alpha")
                .containsEntry("uses", 2L)
                .containsEntry("avg_duration_ms", 1500.0)
                .containsEntry("succeeded", 1L);
        assertThat(analytics.report("by-approval", 30).rows())
                .containsExactly(Map.of("level", "auto", "status", "active", "count", 1L));
        assertThat(analytics.report("velocity", 30).rows())
                .containsExactly(Map.of(
                        "level",
                        "auto",
                        "decision",
                        "approved",
                        "count",
                        1L,
                        "avg_days_to_decision",
                        0.0,
                        "within_sla",
                        1L));
    }

    @Test
    void bottlenecks_list_waiting_versions_with_days_as_doubles() {
        propose(skill("beta", "1.0.0", "domain", "one"));
        clock.advance(Duration.ofHours(36));

        var rows = new SkillAnalytics(db, new LocalQueryCache(100), clock)
                .report("bottlenecks", 30)
                .rows();

        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst()).containsEntry("skill", "beta").containsEntry("days_waiting", 1.5);
    }

    @Test
    void usage_log_writes_a_row_and_a_line_and_an_unknown_skill_writes_neither() throws Exception {
        propose(skill("alpha", "1.0.0", "testing", "one"));
        try (UsageLog log = UsageLog.open(db, clock, dir.resolve("logs"))) {
            long id = log.log(new UsageEvent("coder-1", "coder", "alpha", null, null, null, 0, 5L, null, null));
            assertThatThrownBy(() ->
                            log.log(new UsageEvent("coder-1", "coder", "ghost", null, null, null, 0, 5L, null, null)))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("skill 'ghost' does not exist");
            assertThat(id).isEqualTo(1);
        }
        long rows = db.read(sql -> sql.count("SELECT COUNT(*) FROM skill_usage_log"));
        assertThat(rows).isEqualTo(1);
        assertThat(Files.readAllLines(dir.resolve("logs/usage.jsonl")))
                .singleElement()
                .asString()
                .startsWith("{\"id\":1,")
                .contains("\"skill\":\"alpha\"");
    }

    @Test
    void a_version_content_cannot_be_changed_once_written() {
        propose(skill("alpha", "1.0.0", "testing", "one"));

        assertThatThrownBy(() -> db.write(sql -> sql.update("UPDATE skill_versions SET content = 'tampered'")))
                .isInstanceOf(CfnException.class)
                .hasMessageContaining("skill_versions content is immutable");
        assertThat(registry.version("alpha", null).content()).endsWith("one\n");
    }

    @Test
    void a_write_that_fails_changes_nothing() {
        propose(skill("alpha", "1.0.0", "testing", "one"));

        assertThatThrownBy(() -> registry.propose(
                        List.of(skill("gamma", "1.0.0", "testing", "g"), skill("alpha", "1.0.0", "testing", "one")),
                        null,
                        false))
                .isInstanceOf(VersionConflictException.class);
        assertThat(registry.list(null, null, false)).extracting(Skill::name).containsExactly("alpha");
    }

    @Test
    void concurrent_updates_of_one_skill_never_lose_a_version() throws Exception {
        propose(skill("race", "1.0.0", "testing", "v0"));
        deploy("race", 5, false, "coder");
        UpdateRace race = new UpdateRace();
        try (Database other = openStore()) {
            SkillRegistry second = new SkillRegistry(other, clock);
            var pool = Executors.newFixedThreadPool(2);
            try {
                var a = pool.submit(() -> race.run(registry, 0));
                var b = pool.submit(() -> race.run(second, 1));
                a.get(2, TimeUnit.MINUTES);
                b.get(2, TimeUnit.MINUTES);
            } finally {
                pool.shutdownNow();
            }
        }
        List<SemVer> versions =
                registry.versions("race").stream().map(SkillVersion::version).toList();
        List<SemVer> expected = new ArrayList<>(List.of(SemVer.parse("1.0.0")));
        race.succeeded.forEach(v -> expected.add(SemVer.parse(v)));
        assertThat(versions).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(race.lostUpdates).isEmpty();
        assertThat(race.succeeded).hasSizeGreaterThanOrEqualTo(UpdateRace.ROUNDS);
    }

    private SkillLoader loader() {
        return new SkillLoader(db, registry, 100);
    }
}
