package dev.cfn.skills.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cfn.InvalidInputException;
import dev.cfn.cache.LocalQueryCache;
import dev.cfn.skills.SkillRegistry;
import dev.cfn.store.SqliteDatabase;
import dev.cfn.store.UsageEvent;
import dev.cfn.store.UsageLog;
import dev.cfn.testing.SkillMd;
import dev.cfn.testing.SqliteTest;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reports on a small data set whose answers are worked out by hand. Timeline (days from the
 * start): alpha (auto) approved at once on day 0; beta (human) approved on day 3; gamma (human)
 * proposed on day 3, approved on day 13; delta (escalate) pending since day 13; eps (human)
 * pending since day 14; zeta (human) proposed day 14, rejected day 15. Reports run on day 20.
 */
class SkillAnalyticsTest extends SqliteTest {
    private static final Duration DAY = Duration.ofDays(1);

    private SkillAnalytics analytics;
    private UsageLog usage;

    @BeforeEach
    void buildTheHistory() {
        usage = UsageLog.open(db, clock, dir.resolve("logs"));
        propose(SkillMd.of("alpha"));
        propose(SkillMd.of("beta").category("domain"));
        clock.advance(DAY.multipliedBy(3));
        registry.approve("beta", null, "alice", null);
        propose(SkillMd.of("gamma").category("domain"));
        clock.advance(DAY.multipliedBy(10));
        registry.approve("gamma", null, "bob", null);
        propose(SkillMd.of("delta").category("infrastructure"));
        log("gamma", 0, 50L, 0.1, 0.2); // day 13: inside a 30-day window, outside a 3-day one
        clock.advance(DAY);
        propose(SkillMd.of("eps").category("domain"));
        propose(SkillMd.of("zeta").category("domain"));
        clock.advance(DAY);
        registry.reject("zeta", null, "carol", "duplicate of eps");
        clock.advance(DAY.multipliedBy(5));
        log("alpha", 0, 100L, 0.5, 0.7);
        log("alpha", 0, 300L, 0.6, 0.9);
        log("beta", 0, 200L, 0.4, 0.8);
        log("beta", 1, 1000L, null, null);
        analytics = new SkillAnalytics(db, new LocalQueryCache(100), clock);
    }

    @AfterEach
    void closeLog() {
        usage.close();
    }

    @Test
    void effectiveness_is_confidence_gain_and_time_by_approval_level() {
        Report report = analytics.report("effectiveness", 30);

        assertThat(report.rows()).hasSize(2);
        assertRow(report.rows().get(0), Map.of("level", "auto", "skills", 1L, "uses", 2L), 0.25, 200.0);
        // beta's use without confidences does not count; gamma's (day 13) does.
        assertRow(report.rows().get(1), Map.of("level", "human", "skills", 2L, "uses", 2L), 0.25, 125.0);
        assertThat(analytics.report("effectiveness", 3).rows())
                .extracting(r -> r.get("level"), r -> r.get("uses"))
                .containsExactly(Assertions.tuple("auto", 2L), Assertions.tuple("human", 1L));
    }

    @Test
    void velocity_counts_decisions_by_level_with_their_age_and_the_human_sla_share() {
        Report report = analytics.report("velocity", 30);

        assertThat(report.rows())
                .extracting(r -> r.get("level"), r -> r.get("decision"), r -> r.get("count"), r -> r.get("within_sla"))
                .containsExactly(
                        Assertions.tuple("auto", "approved", 1L, 1L),
                        Assertions.tuple("human", "approved", 2L, 1L),
                        Assertions.tuple("human", "rejected", 1L, 1L));
        assertThat(report.rows())
                .extracting(r -> (Double) r.get("avg_days_to_decision"))
                .containsExactly(0.0, 6.5, 1.0);
        assertThat(report.summary())
                .containsEntry("human_sla_days", 7)
                .containsEntry("human_decisions", 3L)
                .containsEntry("human_sla_share", 2.0 / 3);
    }

    @Test
    void bottlenecks_are_the_longest_waiting_reviews_first() {
        Report report = analytics.report("bottlenecks", 30);

        assertThat(report.rows())
                .extracting(r -> r.get("skill"), r -> r.get("level"), r -> r.get("state"), r -> r.get("days_waiting"))
                .containsExactly(
                        Assertions.tuple("delta", "escalate", "pending", 7.0),
                        Assertions.tuple("eps", "human", "pending", 6.0));
    }

    @Test
    void by_approval_counts_skills_by_level_and_status() {
        assertThat(analytics.report("by-approval", 30).rows())
                .extracting(r -> r.get("level"), r -> r.get("status"), r -> r.get("count"))
                .containsExactly(
                        Assertions.tuple("auto", "active", 1L),
                        Assertions.tuple("escalate", "active", 1L),
                        Assertions.tuple("human", "active", 3L),
                        Assertions.tuple("human", "archived", 1L));
    }

    @Test
    void usage_ranks_skills_by_uses_then_name_with_successes_and_last_use() {
        assertThat(analytics.report("usage", 30).rows())
                .extracting(
                        r -> r.get("skill"),
                        r -> r.get("uses"),
                        r -> r.get("succeeded"),
                        r -> r.get("avg_duration_ms"),
                        r -> r.get("last_used_ms"))
                .containsExactly(
                        Assertions.tuple("alpha", 2L, 2L, 200.0, clock.millis()),
                        Assertions.tuple("beta", 2L, 1L, 600.0, clock.millis()),
                        Assertions.tuple(
                                "gamma",
                                1L,
                                1L,
                                50.0,
                                clock.millis() - DAY.multipliedBy(7).toMillis()));
        assertThat(analytics.report("usage", 3).rows())
                .extracting(r -> r.get("skill"))
                .containsExactly("alpha", "beta");
    }

    @Test
    void the_second_call_is_answered_from_the_cache_with_the_same_rows() {
        for (String name : SkillAnalytics.REPORTS) {
            Report first = analytics.report(name, 30);
            Report second = analytics.report(name, 30);

            assertThat(first.fromCache()).as(name).isFalse();
            assertThat(second.fromCache()).as(name).isTrue();
            assertThat(second.rows()).as(name).isEqualTo(first.rows());
            assertThat(second.summary()).as(name).isEqualTo(first.summary());
        }
    }

    @Test
    void a_write_to_a_table_a_report_reads_makes_it_recompute() {
        analytics.report("usage", 30);
        analytics.report("by-approval", 30);

        log("gamma", 0, 10L, null, null);
        propose(SkillMd.of("omega"));

        Report usageReport = analytics.report("usage", 30);
        Report byApproval = analytics.report("by-approval", 30);
        assertThat(usageReport.fromCache()).isFalse();
        assertThat(usageReport.rows())
                .extracting(r -> r.get("skill"), r -> r.get("uses"))
                .contains(Assertions.tuple("gamma", 2L));
        assertThat(byApproval.fromCache()).isFalse();
        assertThat(byApproval.rows().get(0)).containsEntry("count", 2L);
    }

    @Test
    void a_usage_write_leaves_reports_that_do_not_read_usage_cached() {
        analytics.report("by-approval", 30);

        log("gamma", 0, 10L, null, null);

        assertThat(analytics.report("by-approval", 30).fromCache()).isTrue();
    }

    @Test
    void a_write_by_another_database_handle_on_the_file_makes_reports_recompute() {
        analytics.report("usage", 30);
        analytics.report("bottlenecks", 30);

        try (SqliteDatabase other = SqliteDatabase.open(dbFile());
                UsageLog otherLog = UsageLog.open(other, clock, dir.resolve("logs"))) {
            otherLog.log(new UsageEvent("x-1", "coder", "eps", null, null, null, 0, 5L, null, null));
            new SkillRegistry(other, clock).approve("eps", null, "dave", null);
        }

        Report usageReport = analytics.report("usage", 30);
        Report bottlenecks = analytics.report("bottlenecks", 30);
        assertThat(usageReport.fromCache()).isFalse();
        assertThat(usageReport.rows()).extracting(r -> r.get("skill")).contains("eps");
        assertThat(bottlenecks.fromCache()).isFalse();
        assertThat(bottlenecks.rows()).extracting(r -> r.get("skill")).containsExactly("delta");
    }

    @Test
    void a_moving_clock_changes_the_window_and_the_answer() {
        analytics.report("usage", 30);

        clock.advance(DAY.multipliedBy(25));

        Report later = analytics.report("usage", 30);
        assertThat(later.fromCache()).isFalse();
        assertThat(later.rows()).extracting(r -> r.get("skill")).containsExactly("alpha", "beta");
    }

    @Test
    void an_unknown_report_or_window_is_invalid_input() {
        Assertions.assertThatThrownBy(() -> analytics.report("nope", 30))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "report must be one of effectiveness, velocity, bottlenecks, by-approval, usage, but was 'nope'");
        Assertions.assertThatThrownBy(() -> analytics.report("usage", 0))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("--days must be 1 to 3650, but was 0");
        Assertions.assertThatThrownBy(() -> analytics.report("usage", 3651))
                .hasMessage("--days must be 1 to 3650, but was 3651");
    }

    private void log(String skill, int exit, Long durationMs, Double before, Double after) {
        usage.log(new UsageEvent("agent-1", "coder", skill, null, "t", "loop3", exit, durationMs, before, after));
    }

    private static void assertRow(Map<String, Object> row, Map<String, Object> exact, double gain, double duration) {
        assertThat(row).containsAllEntriesOf(exact);
        assertThat((Double) row.get("avg_confidence_gain")).isCloseTo(gain, within(1e-9));
        assertThat((Double) row.get("avg_duration_ms")).isCloseTo(duration, within(1e-9));
    }
}
