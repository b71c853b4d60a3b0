package dev.cfn.agents.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.RequestOptions;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionSystemMessageParam;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.ChatCompletionUserMessageParam;
import com.openai.models.completions.CompletionUsage;
import dev.cfn.agents.llm.tools.ToolCall;
import dev.cfn.agents.llm.tools.ToolOutcome;
import dev.cfn.agents.llm.tools.ToolSpec;
import dev.cfn.json.Json;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * OpenAI-compatible Chat Completions with tool calling through the official {@code openai-java}
 * SDK, streamed with {@code stream_options.include_usage} (the usage comes in the last chunk), at
 * any base URL ending in {@code /v1} (OpenAI, OpenRouter, vLLM, Ollama, llama.cpp's server). A tool
 * result that failed is sent prefixed {@code Error: } (the format has no error flag). The SDK's own
 * retries are off; its sockets are {@link NoDelaySockets} (local servers speak plain HTTP).
 */
final class OpenAiChatApi implements ModelApi {
    private final String provider;
    private final OpenAIClient client;

    OpenAiChatApi(String provider, String baseUrl, String apiKey) {
        this.provider = provider;
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
                .apiKey(apiKey)
                .maxRetries(0)
                .responseValidation(false)
                .okHttpClient(new okhttp3.OkHttpClient.Builder()
                        .socketFactory(new NoDelaySockets())
                        .build());
        if (baseUrl != null && !baseUrl.isBlank()) {
            builder.baseUrl(baseUrl);
        }
        this.client = builder.build();
    }

    @Override
    public ModelReply call(ModelRequest request, Duration timeout, Consumer<AutoCloseable> opened) {
        ChatCompletionCreateParams params = params(request);
        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(
                        params, RequestOptions.builder().timeout(timeout).build())) {
            opened.accept(stream);
            stream.stream().forEach(acc::accumulate);
        } catch (OpenAIServiceException e) {
            List<String> after = e.headers().values("retry-after");
            throw new ApiFailure(
                    provider + " API error " + e.statusCode()
                            + e.type().map(t -> " (" + t + ")").orElse("") + message(e.body()),
                    e.statusCode(),
                    ApiFailure.parseRetryAfter(after.isEmpty() ? null : after.get(0)),
                    false);
        } catch (OpenAIIoException | IllegalStateException e) {
            throw noAnswer(provider, e);
        }
        return reply(acc.chatCompletion());
    }

    /** A call that got no (whole) answer: a timeout, or a connection that broke. */
    static ApiFailure noAnswer(String provider, Exception e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof InterruptedIOException) {
                return new ApiFailure(provider + " API call timed out", -1, null, true);
            }
        }
        String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        return new ApiFailure(provider + " API call failed: " + why, -1, null, false);
    }

    private static String message(JsonValue body) {
        try {
            JsonNode node = Json.mapper().valueToTree(body.convert(Object.class));
            String m = node == null ? "" : node.path("error").path("message").asText("");
            return m.isEmpty() ? "" : ": " + m;
        } catch (RuntimeException e) {
            return "";
        }
    }

    static ChatCompletionCreateParams params(ModelRequest request) {
        ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder()
                .model(request.model())
                .maxCompletionTokens(request.maxTokens())
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .addMessage(ChatCompletionSystemMessageParam.builder()
                        .content(request.system())
                        .build());
        for (ToolSpec spec : request.tools()) {
            b.addTool(ChatCompletionFunctionTool.builder()
                    .function(FunctionDefinition.builder()
                            .name(spec.name())
                            .description(spec.description())
                            .parameters(FunctionParameters.builder()
                                    .putAdditionalProperty("type", JsonValue.from("object"))
                                    .putAdditionalProperty("properties", JsonValue.from(spec.properties()))
                                    .putAdditionalProperty("required", JsonValue.from(spec.required()))
                                    .build())
                            .build())
                    .build());
        }
        for (Turn turn : request.turns()) {
            switch (turn) {
                case Turn.User u ->
                    b.addMessage(ChatCompletionUserMessageParam.builder()
                            .content(u.text())
                            .build());
                case Turn.Assistant a -> b.addMessage(assistant(a));
                case Turn.Results r -> {
                    for (ToolOutcome o : r.outcomes()) {
                        b.addMessage(ChatCompletionToolMessageParam.builder()
                                .toolCallId(o.callId())
                                .content(o.error() ? "Error: " + o.text() : o.text())
                                .build());
                    }
                }
            }
        }
        request.parameters().forEach((k, v) -> b.putAdditionalBodyProperty(k, JsonValue.from(v)));
        return b.build();
    }

    private static ChatCompletionAssistantMessageParam assistant(Turn.Assistant a) {
        ChatCompletionAssistantMessageParam.Builder m = ChatCompletionAssistantMessageParam.builder();
        if (!a.text().isEmpty() || a.calls().isEmpty()) {
            m.content(a.text());
        }
        for (ToolCall c : a.calls()) {
            m.addToolCall(ChatCompletionMessageFunctionToolCall.builder()
                    .id(c.id())
                    .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                            .name(c.name())
                            .arguments(c.input().toString())
                            .build())
                    .build());
        }
        return m.build();
    }

    static ModelReply reply(ChatCompletion c) {
        String text = "";
        String finish = "";
        List<ToolCall> calls = new ArrayList<>();
        if (!c.choices().isEmpty()) {
            ChatCompletion.Choice choice = c.choices().get(0);
            text = choice.message().content().orElse("");
            finish = choice._finishReason().isMissing()
                    ? ""
                    : choice.finishReason().asString();
            for (ChatCompletionMessageToolCall tc : choice.message().toolCalls().orElse(List.of())) {
                tc.function()
                        .ifPresent(f -> calls.add(new ToolCall(
                                f.id(),
                                f.function().name(),
                                arguments(f.function().arguments()))));
            }
        }
        CompletionUsage usage = c.usage().orElse(null);
        long prompt = usage == null ? 0 : usage.promptTokens();
        long cached = usage == null
                ? 0
                : usage.promptTokensDetails()
                        .flatMap(CompletionUsage.PromptTokensDetails::cachedTokens)
                        .orElse(0L);
        return new ModelReply(
                text,
                calls,
                finish,
                c.model(),
                Math.max(0, prompt - cached),
                usage == null ? 0 : usage.completionTokens(),
                cached,
                0);
    }

    private static JsonNode arguments(String json) {
        try {
            JsonNode node =
                    json == null || json.isBlank() ? null : Json.mapper().readTree(json);
            return node != null && node.isObject() ? node : Json.mapper().createObjectNode();
        } catch (JsonProcessingException e) {
            return Json.mapper().createObjectNode();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
