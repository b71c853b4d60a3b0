package dev.cfn.agents.llm;

import com.anthropic.models.messages.Model;
import dev.cfn.InvalidInputException;
import dev.cfn.RetriableException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentOutputParser;
import dev.cfn.agents.AgentPrompts;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRuntime;
import dev.cfn.agents.PriceTable;
import dev.cfn.agents.Results;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.agents.llm.tools.PathGuard;
import dev.cfn.agents.llm.tools.ToolBox;
import dev.cfn.agents.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code anthropic} and {@code openai} runtimes: cfn's own {@link AgentLoop} on a model API,
 * with the tools of the definition ({@link ToolBox}: Read, Write, Edit, Glob, Grep, Bash; its role's
 * default when it lists none) kept inside the workdir ({@link PathGuard}; cfn's home, its logs and
 * the agent definitions refused). The {@link Provider} decides the wire format ({@link
 * AnthropicMessagesApi} or {@link OpenAiChatApi}), where calls go, which variable holds the key and
 * how many calls may be in flight ({@link AdaptiveLimit}, shared by the provider's agents). The
 * system prompt holds the instructions, skills and answer format; the user message the task; the
 * last text is read like a process agent's stdout. Usage is priced by the {@link PriceTable}, the
 * conversation kept as the agent's transcript. The SDKs load only when such an agent runs.
 * Thread-safe.
 */
public final class ApiAgentRuntime implements AgentRuntime, AutoCloseable {
    /** Turns an agent may take when its definition sets no {@code max_turns}. */
    public static final int DEFAULT_MAX_TURNS = 30;

    static final long DEFAULT_MAX_TOKENS = 8192;

    private final ProcessRunner runner;
    private final Map<String, String> env;
    private final int maxRetries;
    private final PriceTable prices;
    private final Map<String, ModelApi> apis = new ConcurrentHashMap<>();
    private final Map<String, AdaptiveLimit> limits = new ConcurrentHashMap<>();
    private final AgentOutputParser parser = new AgentOutputParser();

    private ApiAgentRuntime(ProcessRunner runner, Map<String, String> env, int maxRetries, PriceTable prices) {
        this.runner = runner;
        this.env = Map.copyOf(env);
        this.maxRetries = maxRetries;
        this.prices = prices;
    }

    /**
     * @param runner runs the Bash tool's commands (the command agents' machinery)
     * @param env cfn's agent environment: the keys' variables, {@code ANTHROPIC_BASE_URL}/{@code
     *     OPENAI_BASE_URL}, and {@code <home>/config}'s {@code provider.*} entries
     * @param maxRetries how often one failed call (429, 503, 529, a broken connection) is repeated,
     *     within the agent's timeout
     */
    public static ApiAgentRuntime create(
            ProcessRunner runner, Map<String, String> env, int maxRetries, PriceTable prices) {
        return new ApiAgentRuntime(runner, env, maxRetries, prices);
    }

    /**
     * @throws InvalidInputException when the definition's provider has no {@code <home>/config}
     *     entry, or an openai agent names no model
     * @throws RetriableException when the provider's key variable is not set
     */
    @Override
    public AgentResult run(AgentInvocation inv) {
        long start = System.nanoTime();
        long deadline = start + inv.timeout().toNanos();
        Map<String, String> settings = new HashMap<>(env);
        settings.putAll(inv.env());
        AgentDefinition d = inv.definition();
        Provider provider = Provider.of(d, settings);
        String key = settings.get(provider.apiKeyEnv());
        if (key == null || key.isBlank()) {
            throw new RetriableException(provider.apiKeyEnv() + " is not set: agent " + d.name() + " (provider "
                    + provider.name() + ") cannot call its API");
        }
        ModelApi api = apis.computeIfAbsent(provider.clientKey(key), k -> open(provider, key));
        AdaptiveLimit limit =
                limits.computeIfAbsent(provider.name(), n -> new AdaptiveLimit(provider.maxConcurrency()));
        PathGuard guard;
        try {
            guard = PathGuard.of(inv.workdir(), offLimits(inv));
        } catch (IOException e) {
            return Results.failed(
                    inv,
                    "cannot use the working folder " + inv.workdir() + ": " + e.getMessage(),
                    false,
                    -1,
                    since(start));
        }
        ToolBox tools = ToolBox.of(d.toolsOrDefault(), guard, runner, inv, () -> AgentLoop.left(deadline));
        String user = AgentPrompts.task(inv);
        ModelRequest first = new ModelRequest(
                model(d, provider),
                AgentPrompts.system(inv),
                tools.specs(),
                List.of(new Turn.User(user)),
                maxTokens(d),
                parameters(d));
        int maxTurns = d.maxTurns() == null ? DEFAULT_MAX_TURNS : d.maxTurns();
        try (Transcript transcript = Transcript.open(inv)) {
            transcript.system(
                    provider.name(),
                    first.model(),
                    tools.specs().stream().map(t -> t.name()).toList(),
                    first.system());
            transcript.user(user);
            AgentLoop.Outcome o = new AgentLoop(new ModelCalls(api, limit, maxRetries), prices)
                    .run(inv, first, tools, maxTurns, deadline, transcript);
            AgentResult result = o.failure() == null
                    ? Results.of(inv, parser.parse(o.text()), null, false, -1, since(start))
                            .usage(o.usage())
                            .build()
                    : Results.failed(inv, o.failure(), o.timedOut(), -1, since(start)).toBuilder()
                            .usage(o.usage())
                            .build();
            transcript.result(result.status().name().toLowerCase(Locale.ROOT), result.confidenceReason(), o.usage());
            return result;
        }
    }

    private static ModelApi open(Provider p, String key) {
        return p.kind() == RuntimeKind.OPENAI
                ? new OpenAiChatApi(p.name(), p.baseUrl(), key)
                : new AnthropicMessagesApi(p.name(), p.baseUrl(), key);
    }

    /**
     * What the tools may not touch even inside the workdir: cfn's home (the folder of the logs, when
     * it is named {@code logs}), the logs, the folder of the agent's definition and the {@code .claude}
     * folder above it (settings, hooks, every definition).
     */
    static List<Path> offLimits(AgentInvocation inv) {
        List<Path> out = new ArrayList<>();
        Path logs = inv.logDir().toAbsolutePath().normalize();
        out.add(logs);
        if (logs.getFileName() != null && logs.getFileName().toString().equals("logs") && logs.getParent() != null) {
            out.add(logs.getParent());
        }
        Path source = inv.definition().source();
        Path folder =
                source == null ? null : source.toAbsolutePath().normalize().getParent();
        if (folder != null) {
            out.add(folder);
            for (Path p = folder; p != null; p = p.getParent()) {
                if (p.getFileName() != null && p.getFileName().toString().equals(".claude")) {
                    out.add(p);
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The model to ask for: on an anthropic provider Claude Code's aliases (haiku, sonnet, opus) map
     * to model ids; on any provider a PROVIDER_PARAMETERS {@code model}, or the provider's {@code
     * model}, stands in for an alias or a missing model.
     *
     * @throws InvalidInputException when an openai agent ends up with no model
     */
    static String model(AgentDefinition d, Provider p) {
        String written = d.model() == null ? "" : d.model().strip();
        boolean alias = switch (written.toLowerCase(Locale.ROOT)) {
            case "", "inherit", "haiku", "sonnet", "opus" -> true;
            default -> false;
        };
        if (!alias) {
            return written;
        }
        String instead = Provider.first(ProviderParameters.of(d.body()).get("model"), p.model());
        if (instead != null) {
            return instead.strip();
        }
        if (p.kind() == RuntimeKind.ANTHROPIC) {
            return switch (written.toLowerCase(Locale.ROOT)) {
                case "sonnet" -> Model.CLAUDE_SONNET_4_6.asString();
                case "opus" -> Model.CLAUDE_OPUS_4_8.asString();
                default -> Model.CLAUDE_HAIKU_4_5.asString();
            };
        }
        if (p.name().equals("openai")) {
            return "gpt-4o-mini";
        }
        throw new InvalidInputException(
                "agent " + d.name() + " (provider " + p.name() + ") needs a model: set model: in"
                        + " its definition or provider." + p.name() + ".model in <home>/config");
    }

    static long maxTokens(AgentDefinition d) {
        String value = Provider.first(
                d.extraText("max_tokens"), ProviderParameters.of(d.body()).get("max_tokens"));
        try {
            long n = value == null ? DEFAULT_MAX_TOKENS : Long.parseLong(value.strip());
            return n > 0 ? n : DEFAULT_MAX_TOKENS;
        } catch (NumberFormatException e) {
            return DEFAULT_MAX_TOKENS;
        }
    }

    /** The PROVIDER_PARAMETERS block's sampling settings ({@code temperature}, {@code top_p}) as numbers. */
    static Map<String, Object> parameters(AgentDefinition d) {
        ProviderParameters block = ProviderParameters.of(d.body());
        Map<String, Object> out = new HashMap<>();
        for (String name : List.of("temperature", "top_p")) {
            String v = block.get(name);
            if (v != null) {
                try {
                    out.put(name, Double.parseDouble(v));
                } catch (NumberFormatException e) {
                    // not a number: left out
                }
            }
        }
        return out;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Closes the HTTP clients (their connection pools and threads). */
    @Override
    public void close() {
        apis.values().forEach(ModelApi::close);
        apis.clear();
    }
}
