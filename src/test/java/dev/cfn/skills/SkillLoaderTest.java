package dev.cfn.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.cache.CacheSizing;
import dev.cfn.skills.file.SkillFile;
import dev.cfn.store.ChangeEpochs;
import dev.cfn.testing.SkillMd;
import dev.cfn.testing.SqliteTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SkillLoaderTest extends SqliteTest {
    private final JdbcSkillStore store = new JdbcSkillStore();
    private SkillLoader loader;

    @BeforeEach
    void createLoader() {
        loader = new SkillLoader(db, registry, 100);
    }

    @Test
    void required_skills_come_first_then_priority_1_to_10_then_name() {
        deploy("zeta", 3, false, Mapping.Conditions.NONE);
        deploy("alpha", 3, false, Mapping.Conditions.NONE);
        deploy("top", 1, false, Mapping.Conditions.NONE);
        deploy("low", 10, false, Mapping.Conditions.NONE);
        deploy("must-b", 9, true, Mapping.Conditions.NONE);
        deploy("must-a", 9, true, Mapping.Conditions.NONE);
        deploy("must-first", 2, true, Mapping.Conditions.NONE);

        assertThat(loader.load(LoadRequest.of("coder")))
                .extracting(LoadedSkill::name)
                .containsExactly("must-first", "must-a", "must-b", "top", "alpha", "zeta", "low");
    }

    @Test
    void each_entry_carries_the_exact_version_hash_and_content() {
        SkillFile file = file(SkillMd.of("tdd").version("1.2.3"));
        registry.propose(List.of(file), null, false);
        registry.deploy(new DeployRequest("tdd", null, List.of("coder"), 4, true, Mapping.Conditions.NONE, false));

        assertThat(loader.load(LoadRequest.of("coder")))
                .containsExactly(new LoadedSkill("tdd", "1.2.3", file.contentHash(), file.content(), 4, true));
    }

    @Test
    void an_agent_type_without_mappings_gets_nothing() {
        deploy("tdd", 3, false, Mapping.Conditions.NONE);

        assertThat(loader.load(LoadRequest.of("designer"))).isEmpty();
    }

    @Test
    void a_phase_condition_admits_its_phases_and_requests_without_a_phase() {
        deploy("loop3-only", 3, false, new Mapping.Conditions(List.of("loop3"), List.of(), List.of()));
        deploy("always", 5, false, Mapping.Conditions.NONE);

        assertThat(names(new LoadRequest("coder", "loop3", List.of(), null))).containsExactly("loop3-only", "always");
        assertThat(names(new LoadRequest("coder", "loop2", List.of(), null))).containsExactly("always");
        assertThat(names(new LoadRequest("coder", null, List.of(), null))).containsExactly("loop3-only", "always");
    }

    @Test
    void keywords_match_whole_keywords_not_substrings() {
        deploy("auth", 3, false, new Mapping.Conditions(List.of(), List.of("auth", "login"), List.of()));
        deploy("oauth", 4, false, new Mapping.Conditions(List.of(), List.of("oauth"), List.of()));

        assertThat(names(keywords("oauth"))).containsExactly("oauth");
        assertThat(names(keywords("auth"))).containsExactly("auth");
        assertThat(names(keywords("log"))).isEmpty();
        assertThat(names(keywords("login", "oauth"))).containsExactly("auth", "oauth");
        assertThat(names(keywords("AUTH"))).isEmpty();
        assertThat(names(keywords())).containsExactly("auth", "oauth");
    }

    @Test
    void a_mode_condition_filters_when_the_request_names_a_mode() {
        deploy("enterprise", 3, false, new Mapping.Conditions(List.of(), List.of(), List.of("enterprise")));

        assertThat(names(new LoadRequest("coder", null, List.of(), "mvp"))).isEmpty();
        assertThat(names(new LoadRequest("coder", null, List.of(), "enterprise")))
                .containsExactly("enterprise");
    }

    @Test
    void conditions_stored_as_json_strings_or_arrays_are_both_read() {
        deploy("tdd", 3, false, Mapping.Conditions.NONE);
        db.write(sql -> sql.update(
                "UPDATE agent_skill_mappings SET conditions = ? WHERE agent_type = 'coder'",
                "{\"phase\": \"loop3\", \"keywords\": [\"xauthx\"]}"));
        loader.invalidateAll();

        assertThat(names(new LoadRequest("coder", "loop3", List.of("xauthx"), null)))
                .containsExactly("tdd");
        assertThat(names(new LoadRequest("coder", "loop3", List.of("auth"), null)))
                .isEmpty();
        assertThat(names(new LoadRequest("coder", "loop4", List.of("xauthx"), null)))
                .isEmpty();
    }

    @Test
    void disabled_mappings_are_not_loaded() {
        deploy("tdd", 3, false, Mapping.Conditions.NONE);
        deploy("off", 3, false, Mapping.Conditions.NONE);
        long offId = registry.skill("off").id();
        db.write(sql -> {
            store.upsertMapping(
                    sql, offId, new Mapping("coder", "off", 3, false, false, Mapping.Conditions.NONE, null), null, 0);
            ChangeEpochs.bump(sql, ChangeEpochs.SKILLS);
            return null;
        });

        assertThat(names(LoadRequest.of("coder"))).containsExactly("tdd");
    }

    @Test
    void deprecated_skills_are_not_loaded() {
        deploy("tdd", 3, false, Mapping.Conditions.NONE);
        deploy("old", 3, false, Mapping.Conditions.NONE);
        assertThat(names(LoadRequest.of("coder"))).containsExactly("old", "tdd");

        registry.deprecate("old", "tdd", null);

        assertThat(names(LoadRequest.of("coder"))).containsExactly("tdd");
    }

    @Test
    void a_pinned_agent_type_keeps_its_version_through_updates() {
        propose(SkillMd.of("tdd"));
        registry.deploy(new DeployRequest("tdd", null, List.of("coder"), 3, false, Mapping.Conditions.NONE, false));
        registry.deploy(new DeployRequest("tdd", null, List.of("auditor"), 3, false, Mapping.Conditions.NONE, true));

        registry.update("tdd", file(SkillMd.of("tdd").version("1.1.0")), null, null);

        assertThat(loader.load(LoadRequest.of("coder")))
                .extracting(LoadedSkill::version)
                .containsExactly("1.1.0");
        assertThat(loader.load(LoadRequest.of("auditor")))
                .extracting(LoadedSkill::version)
                .containsExactly("1.0.0");
        assertThat(registry.mappings("tdd"))
                .extracting(Mapping::agentType, Mapping::pinnedVersion)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("auditor", "1.0.0"),
                        org.assertj.core.groups.Tuple.tuple("coder", null));
    }

    @Test
    void repeated_loads_hit_the_cache_and_a_registry_write_makes_the_next_one_miss() {
        deploy("tdd", 3, false, Mapping.Conditions.NONE);
        LoadRequest request = LoadRequest.of("coder");

        List<LoadedSkill> first = loader.load(request);
        List<LoadedSkill> second = loader.load(request);
        loader.load(keywords("api"));

        assertThat(second).isSameAs(first);
        assertThat(loader.stats().hitCount()).isEqualTo(1);
        assertThat(loader.stats().missCount()).isEqualTo(2);
        assertThat(loader.size()).isEqualTo(2);

        registry.deprecate("tdd", null, null);

        assertThat(loader.load(request)).isEmpty();
        assertThat(loader.stats().missCount()).isEqualTo(3);
    }

    @Test
    void load_uncached_neither_reads_nor_fills_the_cache() {
        deploy("tdd", 3, false, Mapping.Conditions.NONE);

        assertThat(loader.loadUncached(LoadRequest.of("coder"))).hasSize(1);

        assertThat(loader.stats().requestCount()).isZero();
        assertThat(loader.size()).isZero();
    }

    @Test
    void capacity_zero_sizes_the_cache_from_the_heap() {
        SkillLoader sized = new SkillLoader(db, registry, 0);

        assertThat(sized.capacity())
                .isEqualTo(CacheSizing.entriesForHeap(Runtime.getRuntime().maxMemory()))
                .isGreaterThanOrEqualTo(100);
        assertThat(CacheSizing.entriesForHeap(4L << 30)).isEqualTo(400);
        assertThat(CacheSizing.entriesForHeap(512L << 20)).isEqualTo(100);
    }

    private void deploy(String name, int priority, boolean required, Mapping.Conditions conditions) {
        propose(SkillMd.of(name));
        registry.deploy(new DeployRequest(name, null, List.of("coder"), priority, required, conditions, false));
    }

    private List<String> names(LoadRequest request) {
        return loader.load(request).stream().map(LoadedSkill::name).toList();
    }

    private static LoadRequest keywords(String... keywords) {
        return new LoadRequest("coder", null, List.of(keywords), null);
    }
}
