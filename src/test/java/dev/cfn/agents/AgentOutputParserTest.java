package dev.cfn.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.protocol.Decision;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AgentOutputParserTest {
    private final AgentOutputParser parser = new AgentOutputParser();

    @Test
    void the_last_json_object_line_is_the_answer() {
        AgentAnswer a = parser.parse("""
                working...
                {"confidence": 0.2, "summary": "draft"}
                more logs
                {"confidence": 0.91, "status": "success", "summary": "done", "files": ["a.py", 3, "b.py"],
                 "not": "an answer, not one line"}
                {"confidence": 0.87, "status": "success", "summary": "done", "files": ["a.py", "b.py"], "feedback": [{"severity": "critical", "message": "no tests"}, {"severity": "odd", "message": "m"}, "plain"]}
                trailing text
                """);

        assertThat(a.source()).isEqualTo("json");
        assertThat(a.confidence()).isEqualTo(0.87);
        assertThat(a.confidenceReason()).isNull();
        assertThat(a.status()).isEqualTo("success");
        assertThat(a.files()).containsExactly("a.py", "b.py");
        assertThat(a.feedback())
                .containsExactly(
                        new Feedback(Feedback.Severity.CRITICAL, "no tests"),
                        new Feedback(Feedback.Severity.WARNING, "m"),
                        new Feedback(Feedback.Severity.WARNING, "plain"));
    }

    @Test
    void a_reflectors_skills_are_a_list_of_skill_md_texts() {
        AgentAnswer a = parser.parse(
                "{\"confidence\": 0.7, \"skills\": [\"---\\nname: a\\n---\\nbody\\n\", 7," + " \"second\"]}");

        assertThat(a.skills()).containsExactly("---\nname: a\n---\nbody\n", "second");
        assertThat(parser.parse("{\"skills\": \"one\"}").skills()).containsExactly("one");
        assertThat(parser.parse("{\"confidence\": 1}").skills()).isEmpty();
        assertThat(parser.parse("confidence: 0.5").skills()).isEmpty();
    }

    @Test
    void no_confidence_at_all_is_zero_with_a_reason_never_a_default() {
        AgentAnswer a = parser.parse("I did everything perfectly.\n{\"summary\": \"trust me\"}\n");

        assertThat(a.confidence()).isZero();
        assertThat(a.confidenceReason()).isEqualTo("no confidence reported");
        assertThat(a.summary()).isEqualTo("trust me");
        assertThat(parser.parse("").confidenceReason()).isEqualTo("no confidence reported");
        assertThat(parser.parse("").source()).isEqualTo("none");
    }

    @Test
    void confidence_outside_zero_to_one_is_zero_with_a_reason() {
        assertThat(parser.parse("{\"confidence\": 1.7}"))
                .extracting(AgentAnswer::confidence, AgentAnswer::confidenceReason)
                .containsExactly(0.0, "confidence 1.7 is outside 0..1");
        assertThat(parser.parse("{\"confidence\": \"high\"}").confidenceReason())
                .isEqualTo("confidence 'high' is not a number");
        assertThat(parser.parse("{\"confidence\": [1]}").confidenceReason())
                .isEqualTo("confidence must be a number from 0 to 1, but was [1]");
        assertThat(parser.parse("confidence: 82").confidenceReason()).isEqualTo("confidence 82 is outside 0..1");
    }

    @Test
    void text_fallbacks_of_the_original_are_read() {
        assertThat(parser.parse("Result ok\nconfidence: 0.82\n").confidence()).isEqualTo(0.82);
        assertThat(parser.parse("Confidence: 82%").confidence()).isEqualTo(0.82);
        assertThat(parser.parse("Confidence Score = **0.5**").confidence()).isEqualTo(0.5);
        AgentAnswer po = parser.parse("Analysis...\nDecision: PROCEED\nConfidence: 0.9\n");
        assertThat(po.decision()).isEqualTo(Decision.PROCEED);
        assertThat(po.source()).isEqualTo("text");
    }

    @Test
    void product_owner_fields_are_read_and_an_unknown_decision_is_none() {
        AgentAnswer a = parser.parse("{\"confidence\":0.9,\"decision\":\"iterate\",\"reasoning\":\"consensus 0.7\"}");
        assertThat(a.decision()).isEqualTo(Decision.ITERATE);
        assertThat(a.reasoning()).isEqualTo("consensus 0.7");
        assertThat(parser.parse("{\"confidence\":0.9,\"decision\":\"SHIP IT\"}").decision())
                .isNull();
    }

    @Test
    void garbage_never_throws_and_always_gives_a_valid_answer() {
        Random random = new Random(7);
        String[] pieces = {
            "{",
            "}",
            "\"confidence\"",
            ":",
            "0.",
            "9",
            "%",
            "1e309",
            "-",
            "[",
            "]",
            ",",
            "\n",
            " ",
            "null",
            "confidence: ",
            "Decision: ",
            "PROCEED",
            "\"feedback\"",
            "{\"severity\":",
            "\u0000",
            "\uD800",
            "\\"
        };
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(60); n > 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            AgentAnswer a = parser.parse(text.toString());
            assertThat(a.confidence()).isBetween(0.0, 1.0);
            assertThat(a.confidence() == 0.0 || a.confidenceReason() == null).isTrue();
        }
        assertThat(parser.parse("{".repeat(100_000) + "}".repeat(100_000)).confidenceReason())
                .isEqualTo("no confidence reported");
        assertThat(parser.parse("confidence:" + " ".repeat(200_000)).confidenceReason())
                .isEqualTo("no confidence reported");
    }
}
