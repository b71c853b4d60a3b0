package dev.cfn.agents.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentEnv;
import dev.cfn.agents.AgentRole;
import dev.cfn.agents.Complexity;
import dev.cfn.agents.DefaultRuntime;
import dev.cfn.agents.Quantities;
import dev.cfn.agents.RuntimeKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AgentDefinitionParserTest {
    private static final Path PATH = Path.of("agents/x.md");
    private final AgentDefinitionParser parser = new AgentDefinitionParser();

    private AgentDefinition agent(String front) {
        return ((ParsedAgentFile.Agent) parser.parse(PATH, "---\n" + front + "\n---\nDo the work.\n")).definition();
    }

    private void rejects(String front, String message) {
        assertThatThrownBy(() -> agent(front))
                .isInstanceOf(AgentDefinitionException.class)
                .hasMessage(message);
    }

    @Test
    void claude_code_subagent_without_cfn_keys_is_an_anthropic_implementer_with_defaults() {
        AgentDefinition d = agent("name: coder\ndescription: Writes code\ntools: Read, Write, Bash\nmodel: sonnet");

        assertThat(d.name()).isEqualTo("coder");
        assertThat(d.tools()).containsExactly("Read", "Write", "Bash");
        assertThat(d.model()).isEqualTo("sonnet");
        assertThat(d.runtime()).isEqualTo(RuntimeKind.ANTHROPIC);
        assertThat(d.role()).isEqualTo(AgentRole.IMPLEMENTER);
        assertThat(d.complexity()).isEqualTo(Complexity.MEDIUM);
        assertThat(d.effectiveTimeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(d.warm()).isFalse();
        assertThat(d.body()).isEqualTo("Do the work.");
        assertThat(d.source()).isEqualTo(PATH);
    }

    @Test
    void cfn_keys_are_read_with_their_types() {
        AgentDefinition d = agent("""
                name: tester
                description: Runs tests
                tools: [Read, Bash]
                runtime: test
                command: ["bash", "run tests.sh"]
                role: validator
                complexity: low
                timeout: 90s
                memory: 512m
                cpus: 1.5
                reports: target/surefire-reports
                color: blue""");

        assertThat(d.tools()).containsExactly("Read", "Bash");
        assertThat(d.runtime()).isEqualTo(RuntimeKind.TEST);
        assertThat(d.command()).containsExactly("bash", "run tests.sh");
        assertThat(d.role()).isEqualTo(AgentRole.VALIDATOR);
        assertThat(d.complexity()).isEqualTo(Complexity.LOW);
        assertThat(d.effectiveTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(d.memory()).isEqualTo("512m");
        assertThat(d.cpus()).isEqualTo(1.5);
        assertThat(d.extraText("reports")).isEqualTo("target/surefire-reports");
        assertThat(d.extra()).containsEntry("color", "blue").doesNotContainKey("cpus");
    }

    @Test
    void a_command_string_is_split_like_a_shell_and_makes_the_runtime_command() {
        AgentDefinition d = agent("name: po\ndescription: d\ncommand: python3 'my agent.py' --flag \"a b\"\n"
                + "role: product-owner\nwarm: true\ntimeout: 45");

        assertThat(d.command()).containsExactly("python3", "my agent.py", "--flag", "a b");
        assertThat(d.runtime()).isEqualTo(RuntimeKind.COMMAND);
        assertThat(d.role()).isEqualTo(AgentRole.PRODUCT_OWNER);
        assertThat(d.warm()).isTrue();
        assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void an_unquoted_description_with_colon_space_is_read_leniently_with_a_warning() {
        var parsed = (ParsedAgentFile.Agent) parser.parse(
                PATH,
                "---\nname: coordinator\ndescription: Use it when: things get complex. Examples: one\n"
                        + "tools: Read, Task\nmodel: sonnet\n---\nbody");

        assertThat(parsed.definition().description()).isEqualTo("Use it when: things get complex. Examples: one");
        assertThat(parsed.definition().tools()).containsExactly("Read", "Task");
        assertThat(parsed.warnings())
                .map(Object::toString)
                .containsExactly(
                        "agents/x.md:3: front matter is not strict YAML (mapping values are not allowed here);"
                                + " read leniently as 'key: rest of line'",
                        "agents/x.md:4: runtime 'anthropic' has no tool Task (it has Read, Write, Edit, Glob, Grep,"
                                + " Bash): left out of 'tools'");
    }

    @Test
    void an_unknown_provider_keeps_the_definition_with_a_warning_naming_the_config_entry() {
        var parsed = (ParsedAgentFile.Agent)
                parser.parse(PATH, "---\nname: coder\ndescription: Codes\nruntime: openai\nprovider: zai\n---\nbody");

        assertThat(parsed.definition().runtime()).isEqualTo(RuntimeKind.OPENAI);
        assertThat(parsed.definition().extraText("provider")).isEqualTo("zai");
        assertThat(parsed.warnings())
                .singleElement()
                .hasToString("agents/x.md:5: provider 'zai' is not built in (anthropic, openai): running it on an API"
                        + " runtime needs provider.zai.kind, provider.zai.base_url and provider.zai.api_key_env in"
                        + " <home>/config");
    }

    @Test
    void a_provider_the_config_defines_is_not_warned_about() {
        var configured = new AgentDefinitionParser(
                DefaultRuntime.ANTHROPIC,
                AgentDefinitionParser.configuredProviders(
                        Map.of("provider.zai.kind", "openai", "provider.zai.base_url", "http://127.0.0.1:1/v1")));
        String file = "---\nname: coder\ndescription: Codes\nruntime: openai\nprovider: ZAI\n---\nbody";

        assertThat(((ParsedAgentFile.Agent) configured.parse(PATH, file)).warnings())
                .isEmpty();
        assertThat(((ParsedAgentFile.Agent) configured.parse(PATH, file.replace("ZAI", "other"))).warnings())
                .singleElement()
                .asString()
                .startsWith("agents/x.md:5: provider 'other' is not built in");
    }

    @Test
    void configured_providers_are_the_names_with_a_kind_entry() {
        assertThat(AgentDefinitionParser.configuredProviders(Map.of(
                        "provider.zai.kind", "openai",
                        "provider.Local.kind", "openai",
                        "provider.half.base_url", "http://x/v1",
                        "PATH", "/bin")))
                .containsExactly("local", "zai");
    }

    @Test
    void a_tool_the_api_runtimes_do_not_have_is_a_warning_naming_it_and_the_definition_stays_usable() {
        var parsed = (ParsedAgentFile.Agent) parser.parse(
                PATH,
                "---\nname: coder\ndescription: Codes\nruntime: openai\ntools: Read, TodoWrite, Edit, Task\n---\nb");

        assertThat(parsed.definition().tools()).containsExactly("Read", "TodoWrite", "Edit", "Task");
        assertThat(parsed.warnings())
                .singleElement()
                .hasToString("agents/x.md:5: runtime 'openai' has no tool TodoWrite, Task (it has Read, Write, Edit,"
                        + " Glob, Grep, Bash): left out of 'tools'");
    }

    @Test
    void claude_code_keeps_its_own_tools_without_a_warning() {
        var parsed = (ParsedAgentFile.Agent) parser.parse(
                PATH, "---\nname: coder\ndescription: Codes\nruntime: claude-code\ntools: Read, TodoWrite\n---\nb");

        assertThat(parsed.warnings()).isEmpty();
    }

    @Test
    void a_file_without_front_matter_is_documentation() {
        assertThat(parser.parse(PATH, "# Agents\n\nname: not front matter\n"))
                .isEqualTo(new ParsedAgentFile.Documentation(PATH));
    }

    @Test
    void bad_values_fail_at_the_line_of_their_key() {
        rejects(
                "name: a\ndescription: d\nrole: boss",
                "agents/x.md:4: front matter 'role' must be one of "
                        + "implementer, validator, product-owner, reflector, but was 'boss'");
        rejects(
                "name: a\ndescription: d\ntimeout: soon",
                "agents/x.md:4: front matter 'timeout' must be a duration " + "such as 30s, 5m or 1h, but was 'soon'");
        rejects(
                "name: a\ndescription: d\nmemory: 1k",
                "agents/x.md:4: front matter 'memory' must be at least 4m, " + "but was '1k'");
        rejects(
                "name: a\ndescription: d\ncpus: -1",
                "agents/x.md:4: front matter 'cpus' must be a number above 0 " + "such as 1.5, but was '-1'");
        rejects(
                "name: a\ndescription: d\nwarm: maybe\ncommand: x",
                "agents/x.md:4: front matter 'warm' must be true " + "or false, but was 'maybe'");
        rejects("description: d", "agents/x.md:1: front matter 'name' is required and must be a string");
        rejects(
                "name: a b\ndescription: d",
                "agents/x.md:2: front matter 'name' must be letters, digits, '.', '_' or "
                        + "'-' (at most 80), but was 'a b'");
        rejects(
                "name: a\ndescription: d\ncommand: \"unterminated",
                "agents/x.md:4: front matter 'command' has an " + "unterminated \" quote");
    }

    @Test
    void runtime_rules_across_keys_are_enforced() {
        rejects(
                "name: a\ndescription: d\nruntime: test",
                "agents/x.md:4: runtime 'test' needs a 'command' " + "(an argv list or a command line)");
        rejects(
                "name: a\ndescription: d\nruntime: test\ncommand: make test\nwarm: true",
                "agents/x.md:6: front matter 'warm' needs runtime 'command', but runtime is 'test'");
    }

    @Test
    void a_claude_code_agent_takes_its_model_tools_and_max_turns_and_ignores_a_command() {
        ParsedAgentFile.Agent parsed = (ParsedAgentFile.Agent) parser.parse(PATH, """
                ---
                name: coder
                description: Writes code
                runtime: claude-code
                model: claude-opus-4-8
                tools: Read, Edit, Bash(pytest *)
                max_turns: 12
                command: ./ignored.sh
                ---
                Do the work.
                """);
        AgentDefinition d = parsed.definition();

        assertThat(d.runtime()).isEqualTo(RuntimeKind.CLAUDE_CODE);
        assertThat(d.runtime().label()).isEqualTo("claude-code");
        assertThat(d.model()).isEqualTo("claude-opus-4-8");
        assertThat(d.toolsOrDefault()).containsExactly("Read", "Edit", "Bash(pytest *)");
        assertThat(d.maxTurns()).isEqualTo(12);
        assertThat(d.command()).isEmpty();
        assertThat(parsed.declaresRuntime()).isTrue();
        assertThat(parsed.warnings())
                .extracting(FileProblem::toString)
                .containsExactly("agents/x.md:8: 'command' is ignored by runtime 'claude-code'");
    }

    @Test
    void without_runtime_or_command_a_definition_runs_on_the_parsers_default_with_its_roles_tools() {
        AgentDefinitionParser claude =
                new AgentDefinitionParser(new DefaultRuntime(RuntimeKind.CLAUDE_CODE, "the claude CLI was found"));
        ParsedAgentFile.Agent parsed = (ParsedAgentFile.Agent)
                claude.parse(PATH, "---\nname: reviewer\ndescription: Reviews\nrole: validator\n---\n");

        assertThat(parsed.definition().runtime()).isEqualTo(RuntimeKind.CLAUDE_CODE);
        assertThat(parsed.declaresRuntime()).isFalse();
        assertThat(parsed.definition().maxTurns()).isNull();
        assertThat(parsed.definition().toolsOrDefault()).containsExactly("Read", "Glob", "Grep", "Bash");
        assertThat(AgentRole.IMPLEMENTER.defaultTools())
                .containsExactly("Read", "Write", "Edit", "Glob", "Grep", "Bash");
        assertThat(AgentRole.PRODUCT_OWNER.defaultTools()).containsExactly("Read", "Glob", "Grep");
        assertThat(claude.parse(PATH, "---\nname: a\ndescription: d\ncommand: make\n---\n"))
                .extracting(f -> ((ParsedAgentFile.Agent) f).definition().runtime())
                .isEqualTo(RuntimeKind.COMMAND);
    }

    @Test
    void max_turns_must_be_a_whole_number_from_one() {
        rejects(
                "name: a\ndescription: d\nmax_turns: 0",
                "agents/x.md:4: front matter 'max_turns' must be a whole number from 1 to 10000, but was '0'");
        rejects(
                "name: a\ndescription: d\nmax_turns: lots",
                "agents/x.md:4: front matter 'max_turns' must be a whole number from 1 to 10000, but was 'lots'");
        rejects(
                "name: a\ndescription: d\nmax_turns: 2.5",
                "agents/x.md:4: front matter 'max_turns' must be a whole number from 1 to 10000, but was '2.5'");
        assertThat(((ParsedAgentFile.Agent)
                                parser.parse(PATH, "---\nname: a\ndescription: d\ncommand: x\nmax_turns: 3\n---\n"))
                        .warnings())
                .extracting(FileProblem::toString)
                .containsExactly("agents/x.md:5: 'max_turns' is only used by the LLM runtimes");
    }

    @Test
    void skill_mode_is_prompt_by_default_or_plugin_and_nothing_else() {
        AgentDefinition plain =
                ((ParsedAgentFile.Agent) parser.parse(PATH, "---\nname: a\ndescription: d\n---\n")).definition();
        AgentDefinition plugin = ((ParsedAgentFile.Agent)
                        parser.parse(PATH, "---\nname: a\ndescription: d\nskill_mode: plugin\n---\n"))
                .definition();

        assertThat(plain.skillMode()).isEqualTo("prompt");
        assertThat(plugin.skillMode()).isEqualTo("plugin");
        rejects(
                "name: a\ndescription: d\nskill_mode: lazy",
                "agents/x.md:4: front matter 'skill_mode' must be one of prompt, plugin, but was 'lazy'");
    }

    @Test
    void unterminated_or_non_mapping_front_matter_is_rejected() {
        assertThatThrownBy(() -> parser.parse(PATH, "---\nname: a\n"))
                .isInstanceOf(AgentDefinitionException.class)
                .hasMessage("agents/x.md:1: unterminated front matter: no closing '---' line");
        assertThatThrownBy(() -> parser.parse(PATH, "---\n- a\n- b\n---\n"))
                .isInstanceOf(AgentDefinitionException.class)
                .hasMessage("agents/x.md:2: front matter must be a YAML mapping of keys to values");
    }

    @Test
    void random_bytes_either_parse_or_fail_with_a_located_message() {
        Random random = new Random(42);
        String alphabet = "-:\n \t\"'[]{}#,abcnme|>&*!%@`\\0123456789\u00e9";
        for (int i = 0; i < 3000; i++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "---\nname: a\n" : "");
            for (int n = random.nextInt(120); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextBoolean()) {
                text.append("\n---\n");
            }
            try {
                parser.parse(PATH, text.toString());
            } catch (AgentDefinitionException e) {
                assertThat(e.getMessage()).startsWith("agents/x.md:");
            }
        }
    }

    @Test
    void quantities_parse_sizes_and_durations() {
        assertThat(Quantities.memoryBytes("512m")).isEqualTo(512L << 20);
        assertThat(Quantities.memoryBytes("2GiB")).isEqualTo(2L << 30);
        assertThat(Quantities.timeout("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Quantities.timeout("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Quantities.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(ShellWords.split("a\\ b 'c d' \"e\\\"f\"")).isEqualTo(List.of("a b", "c d", "e\"f"));
    }

    @Test
    void env_sets_values_from_a_mapping_or_passes_names_through_from_a_list_and_the_text_is_kept() {
        String front = "name: coder\ndescription: d\ncommand: ./c.sh\nenv:\n  GREETING: hello\n  RETRIES: 3";
        AgentDefinition set = agent(front);
        AgentDefinition passed = agent("name: coder\ndescription: d\ncommand: ./c.sh\nenv: [GITHUB_TOKEN, NPM_TOKEN]");
        AgentDefinition line = agent("name: coder\ndescription: d\ncommand: ./c.sh\nenv: GITHUB_TOKEN, NPM_TOKEN");

        assertThat(set.env().values()).containsExactly(Map.entry("GREETING", "hello"), Map.entry("RETRIES", "3"));
        assertThat(set.env().passed()).isEmpty();
        assertThat(passed.env().passed()).containsExactly("GITHUB_TOKEN", "NPM_TOKEN");
        assertThat(line.env()).isEqualTo(passed.env());
        assertThat(set.extra()).doesNotContainKey("env");
        assertThat(set.text()).isEqualTo("---\n" + front + "\n---\nDo the work.\n");
        assertThat(agent("name: coder\ndescription: d\ncommand: ./c.sh").env()).isEqualTo(AgentEnv.NONE);
    }

    @Test
    void env_may_not_name_cfns_own_variables_or_anything_but_a_shell_name() {
        rejects(
                "name: coder\ndescription: d\ncommand: ./c.sh\nenv: [CFN_API_TOKEN]",
                "agents/x.md:5: front matter 'env' (NAME: value to set, or a list of names to pass through) may not"
                        + " name cfn's own variables (CFN_*), but has 'CFN_API_TOKEN'");
        rejects(
                "name: coder\ndescription: d\ncommand: ./c.sh\nenv:\n  CFN_WORKDIR: /",
                "agents/x.md:5: front matter 'env' (NAME: value to set, or a list of names to pass through) may not"
                        + " name cfn's own variables (CFN_*), but has 'CFN_WORKDIR'");
        rejects(
                "name: coder\ndescription: d\ncommand: ./c.sh\nenv: [\"A=B\"]",
                "agents/x.md:5: front matter 'env' (NAME: value to set, or a list of names to pass through) must be"
                        + " names of letters, digits and '_' (not starting with a digit), but has 'A=B'");
        rejects(
                "name: coder\ndescription: d\ncommand: ./c.sh\nenv:\n  KEY: [1, 2]",
                "agents/x.md:5: front matter 'env' (NAME: value to set, or a list of names to pass through) values"
                        + " must be text, but KEY has '[1, 2]'");
    }
}
