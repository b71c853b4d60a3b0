package dev.cfn.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cfn.CfnException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stored mapping conditions are read with cfn's small JsonReader; they read as a databind tree's {@code
 * asText} read them before, for what cfn writes and for odd stored values alike.
 */
class ConditionsJsonTest {
    private static final ObjectMapper TREE = new ObjectMapper();

    @Test
    void streamed_conditions_equal_the_tree_reading_and_round_trip() throws Exception {
        List<String> stored = List.of(
                "{\"phase\":[\"loop3\"],\"keywords\":[\"api\",\"http\"],\"mode\":[\"mvp\"]}",
                "{\"phase\":\"loop2\"}",
                "{\"keywords\":null,\"mode\":[]}",
                "{\"phase\":[1,true,null,{\"a\":1},[2]],\"keywords\":{\"x\":\"y\",\"z\":[3]}}",
                "{\"phase\":7,\"mode\":false,\"other\":{\"nested\":[1,2]}}",
                "[\"loop3\"]",
                "\"loop3\"");
        for (String json : stored) {
            Mapping.Conditions streamed = JdbcSkillStore.conditions(json);
            assertThat(streamed).as(json).isEqualTo(treeReading(json));
        }
        var conditions = new Mapping.Conditions(List.of("loop3"), List.of("api", "auth"), List.of("standard"));
        assertThat(JdbcSkillStore.conditions(JdbcSkillStore.conditionsJson(conditions)))
                .isEqualTo(conditions);
    }

    @Test
    void malformed_stored_conditions_fail_with_one_message() {
        assertThatThrownBy(() -> JdbcSkillStore.conditions("{\"phase\":[\"loop3\""))
                .isInstanceOf(CfnException.class)
                .hasMessageStartingWith("stored mapping conditions are not valid JSON: ");
    }

    /** The previous reading: a databind tree, each field's values by asText. */
    private static Mapping.Conditions treeReading(String json) throws Exception {
        JsonNode node = TREE.readTree(json);
        return new Mapping.Conditions(strings(node, "phase"), strings(node, "keywords"), strings(node, "mode"));
    }

    private static List<String> strings(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isTextual()) {
            return List.of(value.asText());
        }
        List<String> out = new ArrayList<>();
        value.forEach(v -> out.add(v.asText()));
        return out;
    }
}
