package dev.cfn.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cfn.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PriceTableTest {
    private final List<String> warnings = new ArrayList<>();
    private final PriceTable builtIn = PriceTable.of(Map.of(), "", warnings::add);

    @Test
    void each_kind_of_token_is_priced_at_its_rate_per_million() {
        // haiku 4.5: $1 input, $5 output, $0.10 cache read, $1.25 cache write per million tokens
        Usage u = new Usage(2_000_000, 100_000, 1_000_000, 400_000, 3, 900, 0.0);

        Usage priced = builtIn.priced("claude-haiku-4-5", u);

        assertThat(priced.costUsd()).isCloseTo(2.0 + 0.5 + 0.1 + 0.5, within(1e-9));
        assertThat(priced.inputTokens()).isEqualTo(2_000_000);
        assertThat(priced.turns()).isEqualTo(3);
        assertThat(priced.apiMs()).isEqualTo(900);
    }

    @Test
    void aliases_dated_ids_and_case_find_the_same_price() {
        PriceTable.Price sonnet = builtIn.price("claude-sonnet-4-6").orElseThrow();

        assertThat(sonnet).isEqualTo(new PriceTable.Price(3, 15, 0.30, 3.75));
        assertThat(builtIn.price("sonnet")).contains(sonnet);
        assertThat(builtIn.price("Claude-Sonnet-4-6")).contains(sonnet);
        assertThat(builtIn.price("claude-haiku-4-5-20251001")).isEqualTo(builtIn.price("haiku"));
        assertThat(builtIn.price("claude-sonnet-4-20250514")).isEqualTo(builtIn.price("claude-sonnet-4-0"));
        assertThat(builtIn.price("claude-opus-4-1").orElseThrow().output()).isEqualTo(75);
        assertThat(builtIn.price("gpt-4o")).isEmpty();
        assertThat(builtIn.price(null)).isEmpty();
    }

    @Test
    void an_unknown_model_costs_nothing_and_is_warned_about_once() {
        Usage u = Usage.tokens(1000, 1000);

        assertThat(builtIn.priced("acme-large-2", u).costUsd()).isZero();
        assertThat(builtIn.priced("acme-large-2", u).costUsd()).isZero();
        assertThat(builtIn.priced("acme-small-1", u).costUsd()).isZero();

        assertThat(warnings)
                .containsExactly(
                        "model 'acme-large-2' has no price: its tokens are counted at $0 (set price.acme-large-2 ="
                                + " input, output, cache read, cache write, in USD per million tokens, in <home>/config)",
                        "model 'acme-small-1' has no price: its tokens are counted at $0 (set price.acme-small-1 ="
                                + " input, output, cache read, cache write, in USD per million tokens, in <home>/config)");
    }

    @Test
    void the_config_overrides_a_model_adds_one_and_repoints_an_alias() {
        PriceTable table = PriceTable.of(
                Map.of(
                        "claude-haiku-4-5", "2, 10, 0.2, 2.5",
                        "acme-large-2", "0.5,1.5,0,0",
                        "sonnet", "claude-opus-4-5"),
                "/home/u/.cfn/config",
                warnings::add);

        assertThat(table.price("haiku")).contains(new PriceTable.Price(2, 10, 0.2, 2.5));
        assertThat(table.priced("acme-large-2", Usage.tokens(1_000_000, 0)).costUsd())
                .isEqualTo(0.5);
        assertThat(table.price("sonnet")).isEqualTo(table.price("claude-opus-4-5"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void a_malformed_price_names_the_file_and_key_and_the_rule() {
        assertThatThrownBy(() -> PriceTable.of(Map.of("acme", "1, 2, 3"), "/h/config", warnings::add))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("/h/config: price.acme must be four amounts in USD per million tokens (input, output,"
                        + " cache read, cache write) or a model's name, but was '1, 2, 3'");
        assertThatThrownBy(() -> PriceTable.of(Map.of("acme", "1, -2, 3, 4"), "/h/config", warnings::add))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("price.acme must be four amounts");
        assertThatThrownBy(() -> PriceTable.of(Map.of("fast", "acme-nothing"), "/h/config", warnings::add))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("/h/config: price.fast names 'acme-nothing', which has no price");
        assertThatThrownBy(() -> PriceTable.of(Map.of("a", "b", "b", "a"), "/h/config", warnings::add))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a loop?");
    }

    @Test
    void any_value_either_parses_or_fails_with_a_one_line_error_naming_its_key() {
        Random random = new Random(14);
        String alphabet = "0123456789.,- eE+abcNaIfinty\t_";
        for (int i = 0; i < 2000; i++) {
            StringBuilder value = new StringBuilder();
            for (int n = random.nextInt(24); n > 0; n--) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                PriceTable table = PriceTable.of(Map.of("m", value.toString()), "cfg", warnings::add);
                assertThat(table.price("m").orElseThrow().input()).isFinite().isNotNegative();
            } catch (InvalidInputException e) {
                assertThat(e.getMessage()).startsWith("cfg: price.m ").doesNotContain("\n");
            }
        }
    }
}
