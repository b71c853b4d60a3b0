package dev.cfn.agents.llm;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.RequestOptions;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUnion;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.agents.llm.tools.ToolCall;
import dev.cfn.agents.llm.tools.ToolOutcome;
import dev.cfn.agents.llm.tools.ToolSpec;
import dev.cfn.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The Anthropic Messages API through the official SDK, streamed ({@link MessageAccumulator}). The
 * system prompt and the last tool carry {@code cache_control} breakpoints, so every turn after the
 * first (and the agent's next iteration) reads them from the prompt cache. The SDK's own retries
 * are off; its transport is {@link AnthropicNoDelayHttp} (TCP_NODELAY).
 */
final class AnthropicMessagesApi implements ModelApi {
    private static final CacheControlEphemeral CACHE =
            CacheControlEphemeral.builder().build();
    /** The SDK's tool definitions per tool set: the same each turn, and built with many small objects. */
    private static final Map<List<ToolSpec>, List<ToolUnion>> TOOLS = new ConcurrentHashMap<>();

    private final String provider;
    private final AnthropicClient client;

    AnthropicMessagesApi(String provider, String baseUrl, String apiKey) {
        this.provider = provider;
        AnthropicOkHttpClient.Builder builder = AnthropicOkHttpClient.builder()
                .apiKey(apiKey)
                .maxRetries(0)
                .addInterceptor(sdkOwn -> new AnthropicNoDelayHttp()); // in place of the SDK's (idle, no socket set)
        if (baseUrl != null && !baseUrl.isBlank()) {
            builder.baseUrl(baseUrl);
        }
        this.client = builder.build();
    }

    @Override
    public ModelReply call(ModelRequest request, Duration timeout, Consumer<AutoCloseable> opened) {
        MessageCreateParams params = params(request);
        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages()
                .createStreaming(
                        params, RequestOptions.builder().timeout(timeout).build())) {
            opened.accept(stream);
            stream.stream().forEach(acc::accumulate);
        } catch (AnthropicServiceException e) {
            throw new ApiFailure(
                    provider + " API error " + e.statusCode()
                            + e.errorType().map(t -> " (" + t.asString() + ")").orElse("")
                            + e.apiMessage().map(m -> ": " + m).orElse(""),
                    e.statusCode(),
                    ApiFailure.parseRetryAfter(first(e.headers().values("retry-after"))),
                    false);
        } catch (AnthropicIoException | IllegalStateException e) {
            throw OpenAiChatApi.noAnswer(provider, e);
        }
        return reply(acc.message());
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    static MessageCreateParams params(ModelRequest request) {
        MessageCreateParams.Builder b = MessageCreateParams.builder()
                .model(request.model())
                .maxTokens(request.maxTokens())
                .systemOfTextBlockParams(List.of(TextBlockParam.builder()
                        .text(request.system())
                        .cacheControl(CACHE)
                        .build()));
        b.tools(TOOLS.computeIfAbsent(request.tools(), AnthropicMessagesApi::tools));
        for (Turn turn : request.turns()) {
            b.addMessage(message(turn));
        }
        request.parameters().forEach((k, v) -> b.putAdditionalBodyProperty(k, JsonValue.from(v)));
        return b.build();
    }

    private static List<ToolUnion> tools(List<ToolSpec> specs) {
        List<ToolUnion> tools = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            tools.add(ToolUnion.ofTool(tool(specs.get(i), i == specs.size() - 1)));
        }
        return List.copyOf(tools);
    }

    private static Tool tool(ToolSpec spec, boolean last) {
        Tool.InputSchema.Properties.Builder props = Tool.InputSchema.Properties.builder();
        spec.properties().forEach((k, v) -> props.putAdditionalProperty(k, JsonValue.from(v)));
        Tool.Builder b = Tool.builder()
                .name(spec.name())
                .description(spec.description())
                .inputSchema(Tool.InputSchema.builder()
                        .properties(props.build())
                        .required(spec.required())
                        .build());
        return last ? b.cacheControl(CACHE).build() : b.build();
    }

    private static MessageParam message(Turn turn) {
        return switch (turn) {
            case Turn.User u -> MessageParam.ofUser(u.text());
            case Turn.Assistant a -> {
                List<ContentBlockParam> blocks = new ArrayList<>();
                if (!a.text().isEmpty()) {
                    blocks.add(ContentBlockParam.ofText(a.text()));
                }
                for (ToolCall c : a.calls()) {
                    ToolUseBlockParam.Input.Builder input = ToolUseBlockParam.Input.builder();
                    c.input().properties().forEach(e -> input.putAdditionalProperty(e.getKey(), json(e.getValue())));
                    blocks.add(ContentBlockParam.ofToolUse(ToolUseBlockParam.builder()
                            .id(c.id())
                            .name(c.name())
                            .input(input.build())
                            .build()));
                }
                yield MessageParam.ofAssistantOfContentBlockParams(blocks);
            }
            case Turn.Results r -> {
                List<ContentBlockParam> blocks = new ArrayList<>();
                for (ToolOutcome o : r.outcomes()) {
                    blocks.add(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                            .toolUseId(o.callId())
                            .content(o.text())
                            .isError(o.error())
                            .build()));
                }
                yield MessageParam.ofUserOfContentBlockParams(blocks);
            }
        };
    }

    private static JsonValue json(JsonNode node) {
        return JsonValue.fromJsonNode(node);
    }

    static ModelReply reply(Message m) {
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (ContentBlock block : m.content()) {
            block.text().ifPresent(t -> text.append(text.isEmpty() ? "" : "\n").append(t.text()));
            block.toolUse().ifPresent(t -> calls.add(new ToolCall(t.id(), t.name(), input(t._input()))));
        }
        var usage = m.usage();
        return new ModelReply(
                text.toString(),
                calls,
                m.stopReason().map(r -> r.asString()).orElse(""),
                m.model().asString(),
                usage.inputTokens(),
                usage.outputTokens(),
                usage.cacheReadInputTokens().orElse(0L),
                usage.cacheCreationInputTokens().orElse(0L));
    }

    private static JsonNode input(JsonValue value) {
        JsonNode node = Json.mapper().valueToTree(value.convert(Object.class));
        return node != null && node.isObject() ? node : Json.mapper().createObjectNode();
    }

    @Override
    public void close() {
        client.close();
    }
}
