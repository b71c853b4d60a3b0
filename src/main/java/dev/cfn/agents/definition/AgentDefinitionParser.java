package dev.cfn.agents.definition;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.DefaultRuntime;
import dev.cfn.agents.RuntimeKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads agent definition files ({@code .claude/agents/**}{@code /*.md}): Claude Code subagent front
 * matter ({@code name}, {@code description}, {@code tools}, {@code model}) plus cfn's keys
 * ({@code runtime}, {@code command}, {@code role}, {@code complexity}, {@code timeout}, {@code warm},
 * {@code memory}, {@code cpus}, {@code max_turns}, {@code max_cost_usd}, and {@code reports} for test
 * agents). A command whose program is written {@code ./script} or {@code ../script} runs the file
 * beside the definition. A definition with neither {@code runtime} nor {@code command} runs on the
 * parser's {@link DefaultRuntime}. Thread-safe and stateless.
 */
public final class AgentDefinitionParser {
    public static final int MAX_BYTES = 1024 * 1024;

    /** The tools the API runtimes (anthropic, openai) implement, in the order they are offered. */
    public static final List<String> API_TOOLS = List.of("Read", "Write", "Edit", "Glob", "Grep", "Bash");

    private final DefaultRuntime llmDefault;
    private final Set<String> providers;

    /** A parser whose definitions without runtime or command run on the anthropic runtime. */
    public AgentDefinitionParser() {
        this(DefaultRuntime.ANTHROPIC);
    }

    /** A parser whose definitions without runtime or command run on {@code llmDefault}. */
    public AgentDefinitionParser(DefaultRuntime llmDefault) {
        this(llmDefault, Set.of());
    }

    /**
     * As {@link #AgentDefinitionParser(DefaultRuntime)}, knowing the providers {@code <home>/config}
     * defines (see {@link #configuredProviders}): a definition naming one of them is not warned about.
     */
    public AgentDefinitionParser(DefaultRuntime llmDefault, Set<String> providers) {
        this.llmDefault = llmDefault;
        this.providers = Set.copyOf(providers);
    }

    /**
     * The providers {@code env} (cfn's agent environment, which holds {@code <home>/config}'s {@code
     * provider.*} entries) defines: the names with a {@code provider.<name>.kind} key, lower case.
     */
    public static Set<String> configuredProviders(Map<String, String> env) {
        Set<String> names = new java.util.TreeSet<>();
        for (String key : env.keySet()) {
            if (key.startsWith("provider.") && key.endsWith(".kind") && key.length() > "provider..kind".length()) {
                names.add(key.substring("provider.".length(), key.length() - ".kind".length())
                        .toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static final Set<String> KNOWN = Set.of(
            "name",
            "description",
            "tools",
            "model",
            "runtime",
            "command",
            "role",
            "complexity",
            "timeout",
            "warm",
            "memory",
            "cpus",
            "env");

    /**
     * Reads one file.
     *
     * @return an {@link ParsedAgentFile.Agent}, or {@link ParsedAgentFile.Documentation} when the file
     *     has no front matter
     * @throws AgentDefinitionException ({@code path:line: what is wrong}) for anything unusable,
     *     including an unreadable file; nothing else escapes
     */
    public ParsedAgentFile read(Path path) {
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new AgentDefinitionException(path, 0, "file is larger than 1 MiB (" + size + " bytes)");
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new AgentDefinitionException(path, 0, "cannot read: " + e.getMessage());
        }
        return parse(path, decode(path, bytes));
    }

    /** Parses the text of a file; see {@link #read}. */
    public ParsedAgentFile parse(Path path, String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        List<String> lines = text.lines().toList();
        if (!FrontMatter.present(lines)) {
            return new ParsedAgentFile.Documentation(path);
        }
        FrontMatter front = FrontMatter.read(path, lines);
        List<FileProblem> warnings = new ArrayList<>();
        if (front.warning() != null) {
            warnings.add(front.warning());
        }
        DefinitionRules rules = new DefinitionRules(front);
        return new ParsedAgentFile.Agent(
                definition(rules, front, warnings, text), front.lineOf("name"), warnings, rules.declaresRuntime());
    }

    private AgentDefinition definition(
            DefinitionRules rules, FrontMatter front, List<FileProblem> warnings, String text) {
        String name = rules.name();
        String description = rules.description();
        List<String> command = rules.command();
        RuntimeKind runtime = rules.runtime(!command.isEmpty(), llmDefault.kind());
        boolean warm = rules.warm();
        checkRuntime(rules, runtime, command, warm, front, warnings, providers);
        checkTools(rules.tools(), runtime, front, warnings);
        rules.maxTurns();
        Duration timeout = rules.timeout();
        rules.maxCostUsd(); // checked here, read from extra by AgentDefinition.maxCostUsd()
        rules.sandbox(); // checked here, read from extra by AgentDefinition.inContainer(), image() ...
        rules.skillMode(); // checked here, read from extra by AgentDefinition.skillMode()
        return new AgentDefinition(
                name,
                description,
                rules.tools(),
                rules.model(),
                runtime,
                runtime.isLlm() ? List.of() : beside(front.path(), command),
                rules.role(),
                rules.complexity(),
                timeout,
                warm,
                rules.memory(),
                rules.cpus(),
                front.body(),
                front.path(),
                extra(front.values()),
                rules.env(),
                text);
    }

    private static void checkRuntime(
            DefinitionRules rules,
            RuntimeKind runtime,
            List<String> command,
            boolean warm,
            FrontMatter front,
            List<FileProblem> warnings,
            Set<String> providers) {
        if (!runtime.isLlm() && command.isEmpty()) {
            throw rules.error(
                    "runtime", "runtime '" + runtime.label() + "' needs a 'command' (an argv list or a command line)");
        }
        if (runtime.isLlm() && !command.isEmpty()) {
            warnings.add(new FileProblem(
                    front.path(),
                    front.lineOf("command"),
                    "'command' is ignored by runtime '" + runtime.label() + "'"));
        }
        if (front.values().containsKey("max_turns") && !runtime.isLlm()) {
            warnings.add(new FileProblem(
                    front.path(), front.lineOf("max_turns"), "'max_turns' is only used by the LLM runtimes"));
        }
        Object provider = front.values().get("provider");
        String providerName =
                provider == null ? null : provider.toString().strip().toLowerCase(Locale.ROOT);
        if (providerName != null
                && !List.of("anthropic", "openai").contains(providerName)
                && !providers.contains(providerName)) {
            String key = "provider." + provider.toString().strip().toLowerCase(Locale.ROOT) + ".";
            warnings.add(new FileProblem(
                    front.path(),
                    front.lineOf("provider"),
                    "provider '" + provider.toString().strip()
                            + "' is not built in (anthropic, openai): running it on an"
                            + " API runtime needs " + key + "kind, " + key + "base_url and " + key
                            + "api_key_env in <home>/config"));
        }
        if (warm && runtime != RuntimeKind.COMMAND) {
            throw rules.error(
                    "warm", "front matter 'warm' needs runtime 'command', but runtime is '" + runtime.label() + "'");
        }
        if (front.values().containsKey("reports") && runtime != RuntimeKind.TEST) {
            warnings.add(
                    new FileProblem(front.path(), front.lineOf("reports"), "'reports' is only used by runtime 'test'"));
        }
    }

    /** On the API runtimes, a tool cfn does not implement (e.g. TodoWrite) is left out: said, not silent. */
    private static void checkTools(
            List<String> tools, RuntimeKind runtime, FrontMatter front, List<FileProblem> warnings) {
        if (runtime != RuntimeKind.ANTHROPIC && runtime != RuntimeKind.OPENAI) {
            return;
        }
        List<String> unsupported =
                tools.stream().filter(t -> !API_TOOLS.contains(t)).distinct().toList();
        if (!unsupported.isEmpty()) {
            warnings.add(new FileProblem(
                    front.path(),
                    front.lineOf("tools"),
                    "runtime '" + runtime.label() + "' has no tool " + String.join(", ", unsupported) + " (it has "
                            + String.join(", ", API_TOOLS) + "): left out of 'tools'"));
        }
    }

    /** A program written {@code ./x} or {@code ../x} is found beside the definition, not in the workdir. */
    static List<String> beside(Path definition, List<String> command) {
        String program = command.get(0);
        Path folder = definition.toAbsolutePath().getParent();
        if (folder == null || !(program.startsWith("./") || program.startsWith("../"))) {
            return command;
        }
        List<String> argv = new ArrayList<>(command);
        argv.set(0, folder.resolve(program).normalize().toString());
        return argv;
    }

    private static Map<String, Object> extra(Map<String, Object> values) {
        Map<String, Object> extra = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (!KNOWN.contains(key) && value != null) {
                extra.put(key, value);
            }
        });
        return extra;
    }

    private static String decode(Path path, byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            int nul = text.indexOf('\0');
            if (nul >= 0) {
                throw new AgentDefinitionException(
                        path, lineAt(text, nul), "binary content (a NUL byte) is not Markdown");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new AgentDefinitionException(path, 0, "content is not valid UTF-8");
        }
    }

    private static int lineAt(String text, int index) {
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }
}
