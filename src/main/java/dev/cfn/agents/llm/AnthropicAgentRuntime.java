package dev.cfn.agents.llm;

import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.okhttp.AnthropicOkHttpClientAsync;
import com.anthropic.core.RequestOptions;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Model;
import dev.cfn.RetriableException;
import dev.cfn.agents.AgentAnswer;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentOutputParser;
import dev.cfn.agents.AgentProgress;
import dev.cfn.agents.AgentPrompts;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRuntime;
import dev.cfn.agents.PriceTable;
import dev.cfn.agents.ProgressListener;
import dev.cfn.agents.Quantities;
import dev.cfn.agents.Results;
import dev.cfn.agents.Usage;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The {@code anthropic} runtime: one Messages API call through the official Java SDK. The system
 * prompt holds the agent's instructions and its skills; the reply is read like a process agent's
 * stdout; token usage is recorded and priced by the {@link PriceTable} (the model the API says it
 * used, else the one asked for), and told to the invocation's progress listener as the turn's
 * {@link AgentProgress} before the result (a listener that stops the agent then gets a FAILURE
 * with its reason, the usage kept). Key from {@code ANTHROPIC_API_KEY}; base URL from the
 * definition's {@code base_url}, else {@code ANTHROPIC_BASE_URL}, else the SDK's default. The only
 * class that touches the SDK (about 40 MB with its dependencies): nothing loads it unless an
 * anthropic agent runs. Thread-safe.
 */
public final class AnthropicAgentRuntime implements AgentRuntime, AutoCloseable {
    static final long DEFAULT_MAX_TOKENS = 4096;
    private static final Duration GUARD = Duration.ofMillis(500);

    private final Map<String, String> env;
    private final int maxRetries;
    private final PriceTable prices;
    private final Map<String, AnthropicClientAsync> clients = new ConcurrentHashMap<>();
    private final AgentOutputParser parser = new AgentOutputParser();

    private AnthropicAgentRuntime(Map<String, String> env, int maxRetries, PriceTable prices) {
        this.env = Map.copyOf(env);
        this.maxRetries = maxRetries;
        this.prices = prices;
    }

    /**
     * A runtime reading {@code ANTHROPIC_API_KEY} and {@code ANTHROPIC_BASE_URL} from {@code env}
     * (an invocation's own env wins), retrying overloaded or failed calls up to {@code maxRetries}
     * times within the invocation's timeout.
     */
    public static AnthropicAgentRuntime create(Map<String, String> env, int maxRetries) {
        return create(env, maxRetries, PriceTable.builtIn());
    }

    /** As {@link #create(Map, int)}, pricing usage with {@code prices}. */
    public static AnthropicAgentRuntime create(Map<String, String> env, int maxRetries, PriceTable prices) {
        return new AnthropicAgentRuntime(env, maxRetries, prices);
    }

    /**
     * @throws RetriableException when no API key is configured
     */
    @Override
    public AgentResult run(AgentInvocation invocation) {
        long start = System.nanoTime();
        AnthropicClientAsync client = client(invocation);
        MessageCreateParams params = MessageCreateParams.builder()
                .model(model(invocation.definition().model()))
                .maxTokens(maxTokens(invocation.definition()))
                .system(AgentPrompts.system(invocation))
                .addUserMessage(AgentPrompts.user(invocation))
                .build();
        CompletableFuture<Message> call = client.messages()
                .create(
                        params,
                        RequestOptions.builder().timeout(invocation.timeout()).build());
        try {
            Message message = call.get(invocation.timeout().plus(GUARD).toMillis(), TimeUnit.MILLISECONDS);
            return answered(invocation, message, since(start));
        } catch (TimeoutException e) {
            call.cancel(true);
            return timedOut(invocation, start);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return Results.failed(invocation, "interrupted: cfn is stopping", false, -1, since(start));
        } catch (ExecutionException e) {
            return failed(invocation, e.getCause(), start);
        }
    }

    private AgentResult answered(AgentInvocation invocation, Message message, Duration duration) {
        String text = message.content().stream()
                .map(ContentBlock::text)
                .flatMap(t -> t.stream())
                .map(t -> t.text())
                .collect(Collectors.joining("\n"));
        Usage usage = prices.priced(
                pricedModel(invocation, message),
                new Usage(
                        message.usage().inputTokens(),
                        message.usage().outputTokens(),
                        message.usage().cacheReadInputTokens().orElse(0L),
                        message.usage().cacheCreationInputTokens().orElse(0L),
                        1,
                        duration.toMillis(),
                        0.0));
        try {
            invocation.progress().on(new AgentProgress(invocation.agentId(), AgentProgress.Kind.TURN, "turn 1", usage));
        } catch (ProgressListener.StopAgent stop) {
            return Results.failed(invocation, stop.getMessage(), false, -1, duration).toBuilder()
                    .usage(usage)
                    .build();
        }
        AgentAnswer answer = parser.parse(text);
        return Results.of(invocation, answer, null, false, -1, duration)
                .usage(usage)
                .build();
    }

    /** The model the API says answered (a dated id), else the one asked for. */
    private static String pricedModel(AgentInvocation invocation, Message message) {
        String answered = message.model().asString();
        return answered == null || answered.isBlank()
                ? model(invocation.definition().model())
                : answered;
    }

    private AgentResult failed(AgentInvocation invocation, Throwable cause, long start) {
        if (cause instanceof AnthropicIoException && isTimeout(cause)) {
            return timedOut(invocation, start);
        }
        String reason;
        if (cause instanceof AnthropicServiceException api) {
            reason = "anthropic API error " + api.statusCode()
                    + api.errorType().map(t -> " (" + t.asString() + ")").orElse("")
                    + api.apiMessage().map(m -> ": " + m).orElse("");
        } else {
            reason = "anthropic API call failed: " + cause;
        }
        return Results.failed(invocation, reason, false, -1, since(start));
    }

    private static boolean isTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    private static AgentResult timedOut(AgentInvocation invocation, long start) {
        return Results.failed(
                invocation, "timed out after " + Quantities.format(invocation.timeout()), true, -1, since(start));
    }

    private AnthropicClientAsync client(AgentInvocation invocation) {
        String key = setting(invocation, "ANTHROPIC_API_KEY");
        if (key == null || key.isBlank()) {
            throw new RetriableException("ANTHROPIC_API_KEY is not set: agent "
                    + invocation.definition().name() + " (runtime anthropic) cannot call the Messages API");
        }
        String base = invocation.definition().extraText("base_url");
        String baseUrl = base != null ? base : setting(invocation, "ANTHROPIC_BASE_URL");
        return clients.computeIfAbsent(baseUrl + "\n" + key, k -> {
            AnthropicOkHttpClientAsync.Builder builder =
                    AnthropicOkHttpClientAsync.builder().apiKey(key).maxRetries(maxRetries);
            if (baseUrl != null && !baseUrl.isBlank()) {
                builder.baseUrl(baseUrl);
            }
            return builder.build();
        });
    }

    private String setting(AgentInvocation invocation, String name) {
        String value = invocation.env().get(name);
        return value != null ? value : env.get(name);
    }

    /** Claude Code's aliases (haiku, sonnet, opus, inherit or none) to model ids; anything else as written. */
    static String model(String alias) {
        if (alias == null) {
            return Model.CLAUDE_HAIKU_4_5.asString();
        }
        return switch (alias.strip().toLowerCase(Locale.ROOT)) {
            case "haiku", "inherit", "" -> Model.CLAUDE_HAIKU_4_5.asString();
            case "sonnet" -> Model.CLAUDE_SONNET_4_6.asString();
            case "opus" -> Model.CLAUDE_OPUS_4_8.asString();
            default -> alias.strip();
        };
    }

    private static long maxTokens(AgentDefinition d) {
        String value = d.extraText("max_tokens");
        try {
            long n = value == null ? DEFAULT_MAX_TOKENS : Long.parseLong(value.strip());
            return n > 0 ? n : DEFAULT_MAX_TOKENS;
        } catch (NumberFormatException e) {
            return DEFAULT_MAX_TOKENS;
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Closes the HTTP clients (their connection pools and threads). */
    @Override
    public void close() {
        clients.values().forEach(AnthropicClientAsync::close);
        clients.clear();
    }
}
