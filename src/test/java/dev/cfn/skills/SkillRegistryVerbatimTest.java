package dev.cfn.skills;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cfn.skills.file.SkillFile;
import dev.cfn.testing.SkillMd;
import dev.cfn.testing.SqliteTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Text that would break string-built SQL or a lossy encoding is stored and returned verbatim. */
class SkillRegistryVerbatimTest extends SqliteTest {
    static final String TRICKY =
            "O'Brien said \"hi\"; DROP TABLE skills; -- ' OR '1'='1 /* */ \\ %_ " + "Grüße 日本語 🙂 \u202Eevil\u202C";

    @Test
    void approver_and_reason_are_returned_verbatim() {
        propose(SkillMd.of("billing").category("domain"));

        registry.approve("billing", null, TRICKY, TRICKY + " reason");

        assertThat(registry.history("billing")).singleElement().satisfies(r -> {
            assertThat(r.approver()).isEqualTo(TRICKY);
            assertThat(r.reasoning()).isEqualTo(TRICKY + " reason");
        });
        assertThat(count("skills")).isEqualTo(1);
    }

    @Test
    void content_and_front_matter_are_returned_verbatim() throws Exception {
        SkillFile file = file(SkillMd.of("tdd")
                .description(TRICKY)
                .line("team: " + "'" + TRICKY.replace("'", "''") + "'")
                .body("# Body\n" + TRICKY + "\n```sql\nSELECT * FROM skills; DELETE FROM skills;\n```\n"));
        registry.propose(List.of(file), null, false);

        SkillVersion stored = registry.version("tdd", null);

        assertThat(stored.content()).isEqualTo(file.content());
        assertThat(stored.contentHash()).isEqualTo(file.contentHash());
        Map<?, ?> front = new ObjectMapper().readValue(stored.frontMatterJson(), Map.class);
        assertThat(front.get("description")).isEqualTo(TRICKY);
        assertThat(registry.skill("tdd").team()).isEqualTo(TRICKY);
        assertThat(count("skills")).isEqualTo(1);
    }

    @Test
    void deprecation_notes_and_rejection_reasons_are_returned_verbatim() {
        propose(SkillMd.of("old"));
        propose(SkillMd.of("billing").category("domain"));

        registry.deprecate("old", null, TRICKY);
        registry.reject("billing", null, "bob", TRICKY);

        assertThat(registry.skill("old").deprecationNote()).isEqualTo(TRICKY);
        assertThat(registry.history("billing"))
                .extracting(ApprovalRecord::reasoning)
                .containsExactly(TRICKY);
    }

    @Test
    void keywords_with_quotes_and_commas_match_exactly() {
        propose(SkillMd.of("tdd"));
        var keywords = List.of("it's", "a\"b", "x;DROP TABLE skills", "日本");
        registry.deploy(new DeployRequest(
                "tdd",
                null,
                List.of("coder"),
                3,
                false,
                new Mapping.Conditions(List.of(), keywords, List.of()),
                false));
        SkillLoader loader = new SkillLoader(db, registry, 100);

        assertThat(registry.mappings("tdd"))
                .singleElement()
                .extracting(m -> m.conditions().keywords())
                .isEqualTo(keywords);
        for (String keyword : keywords) {
            assertThat(loader.load(new LoadRequest("coder", null, List.of(keyword), null)))
                    .hasSize(1);
        }
        assertThat(loader.load(new LoadRequest("coder", null, List.of("it"), null)))
                .isEmpty();
    }
}
