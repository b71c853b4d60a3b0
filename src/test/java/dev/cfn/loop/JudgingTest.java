package dev.cfn.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class JudgingTest {
    @Test
    void skill_keywords_are_the_tasks_words_in_lower_case_with_hyphen_parts_and_the_keywords() {
        Judging j = new Judging(List.of(), List.of("GoLang", "golang"), false, true);
        assertThat(j.keywords()).containsExactly("golang");
        assertThat(j.skillKeywords("Add a REST-API endpoint (Python 3.12), fast!"))
                .containsExactly(
                        "add", "a", "rest-api", "rest", "api", "endpoint", "python", "3", "12", "fast", "golang");
    }

    @Test
    void an_empty_criterion_or_keyword_is_invalid_and_none_given_is_empty() {
        assertThatThrownBy(() -> new Judging(List.of("ok", "  "), List.of(), false, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--criteria must not be empty");
        assertThatThrownBy(() -> new Judging(List.of(), List.of(""), false, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--keywords must not have an empty keyword");
        assertThat(new Judging(null, null, false, false)).isEqualTo(Judging.NONE);
    }
}
