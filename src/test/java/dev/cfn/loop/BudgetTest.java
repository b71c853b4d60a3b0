package dev.cfn.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.InvalidInputException;
import org.junit.jupiter.api.Test;

class BudgetTest {
    private static Budget.Spent spent(double usd, long tokens, long ms) {
        return new Budget.Spent(usd, tokens, ms);
    }

    @Test
    void each_limit_past_its_amount_is_a_breach_with_the_reason_the_run_stores() {
        Budget budget = Budget.of(0.40, 10_000L, "5m");

        assertThat(budget.exceeded(spent(0.42, 0, 0)))
                .contains(new Budget.Breach("--max-cost-usd", "budget: cost $0.42 exceeded $0.40"));
        assertThat(budget.exceeded(spent(0, 12_345, 0)))
                .contains(new Budget.Breach("--max-tokens", "budget: tokens 12,345 exceeded 10,000"));
        assertThat(budget.exceeded(spent(0, 0, 600_000)))
                .contains(new Budget.Breach("--max-duration", "budget: duration 10m exceeded 5m"));
        assertThat(budget.exceeded(spent(0.0031, 0, 0))).isEmpty();
    }

    @Test
    void reaching_a_limit_exactly_is_not_exceeding_it() {
        Budget budget = Budget.of(0.40, 10_000L, "5m");

        assertThat(budget.exceeded(spent(0.40, 10_000, 300_000))).isEmpty();
        assertThat(Budget.NONE.exceeded(spent(1e9, Long.MAX_VALUE, Long.MAX_VALUE)))
                .isEmpty();
    }

    @Test
    void an_amount_just_past_the_limit_is_shown_finely_enough_to_differ() {
        assertThat(Budget.of(0.40, null, null).exceeded(spent(0.400001, 0, 0)))
                .map(Budget.Breach::reason)
                .contains("budget: cost $0.400001 exceeded $0.40");
    }

    @Test
    void a_resumes_limits_replace_only_those_it_gives() {
        Budget stored = Budget.of(0.40, 10_000L, "5m");

        Budget raised = stored.with(Budget.of(2.0, null, null));

        assertThat(raised).isEqualTo(new Budget(2.0, 10_000L, 300_000L));
        assertThat(stored.with(Budget.NONE)).isEqualTo(stored);
    }

    @Test
    void an_agent_past_its_own_max_cost_is_told_apart_from_the_run() {
        assertThat(Budget.agentExceeded(0.10, 0.1234))
                .contains("budget: agent cost $0.1234 exceeded its max_cost_usd $0.10");
        assertThat(Budget.agentExceeded(0.10, 0.10)).isEmpty();
        assertThat(Budget.agentExceeded(null, 99)).isEmpty();
    }

    @Test
    void bad_limits_are_refused_naming_the_option() {
        assertThatThrownBy(() -> Budget.of(-1.0, null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--max-cost-usd must be an amount above 0, but was -1.0");
        assertThatThrownBy(() -> Budget.of(Double.NaN, null, null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Budget.of(null, 0L, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--max-tokens must be at least 1, but was 0");
        assertThatThrownBy(() -> Budget.of(null, null, "soon"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--max-duration must be a duration such as 90s, 5m or 2h, but was 'soon'");
        assertThatThrownBy(() -> Budget.of(null, null, "0s"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--max-duration must be above 0 and at most 365d, but was '0s'");
    }

    @Test
    void durations_read_and_print_as_people_write_them() {
        assertThat(Budget.of(null, null, "90").maxDurationMs()).isEqualTo(90_000);
        assertThat(Budget.of(null, null, "1.5h").maxDurationMs()).isEqualTo(5_400_000);
        assertThat(Budget.of(null, null, "2d").durationText()).isEqualTo("48h");
        assertThat(Budget.duration(250)).isEqualTo("250ms");
        assertThat(Budget.duration(4_500)).isEqualTo("4.5s");
        assertThat(Budget.duration(12_400)).isEqualTo("12s");
        assertThat(Budget.duration(603_000)).isEqualTo("10m3s");
        assertThat(Budget.duration(3_900_000)).isEqualTo("1h5m");
    }

    @Test
    void dollars_print_with_cents_and_small_amounts_with_their_digits() {
        assertThat(Budget.usd(0)).isEqualTo("$0.00");
        assertThat(Budget.usd(0.4)).isEqualTo("$0.40");
        assertThat(Budget.usd(0.0031)).isEqualTo("$0.0031");
        assertThat(Budget.usd(0.123456)).isEqualTo("$0.1235");
        assertThat(Budget.usd(12.5)).isEqualTo("$12.50");
    }
}
