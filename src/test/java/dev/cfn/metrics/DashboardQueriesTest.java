package dev.cfn.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DashboardQueriesTest {
    @Test
    void labels_groupings_ranges_and_functions_are_not_metric_names() {
        assertThat(
                        DashboardQueries.metricNames(
                                "histogram_quantile(0.95, sum by (le, table) (rate(database_query_duration_seconds_bucket{instance=~\"$instance\",table!=\"x\"}[5m])))"))
                .containsExactly("database_query_duration_seconds_bucket");
    }

    @Test
    void every_operand_of_a_binary_expression_is_found() {
        assertThat(
                        DashboardQueries.metricNames(
                                "time() - max(cfn_loop_last_progress_timestamp_seconds) and on() (sum(cfn_loop_runs_active) > 0)"))
                .containsExactly("cfn_loop_last_progress_timestamp_seconds", "cfn_loop_runs_active");
        assertThat(DashboardQueries.metricNames(
                        "sum(rate(a_total[15m])) / (sum(rate(a_total[15m])) + sum(rate(b_total[15m]))) * 60"))
                .containsExactly("a_total", "b_total");
    }
}
