package dev.cfn.agents.llm;

import com.anthropic.core.RequestOptions;
import com.anthropic.core.http.Headers;
import com.anthropic.core.http.HttpClient;
import com.anthropic.core.http.HttpRequest;
import com.anthropic.core.http.HttpRequestBody;
import com.anthropic.core.http.HttpResponse;
import com.anthropic.errors.AnthropicIoException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * The Anthropic SDK's HTTP transport on OkHttp with {@link NoDelaySockets} (the SDK's own builder
 * offers no socket setting; its public interceptor hook puts this client in place of its own). The
 * request is sent whole, the response streamed as the SDK reads it; the SDK's per-request timeout
 * applies. Thread-safe.
 */
final class AnthropicNoDelayHttp implements HttpClient {
    private final OkHttpClient okHttp =
            new OkHttpClient.Builder().socketFactory(new NoDelaySockets()).build();

    @Override
    public HttpResponse execute(HttpRequest request, RequestOptions options) {
        OkHttpClient client = okHttp;
        Duration timeout = options.timeout().map(t -> t.request()).orElse(null);
        if (timeout != null) {
            client = okHttp.newBuilder()
                    .callTimeout(timeout)
                    .readTimeout(timeout)
                    .build();
        }
        try {
            Response response = client.newCall(toOkHttp(request)).execute();
            return new Reply(response);
        } catch (IOException e) {
            throw new AnthropicIoException("Request failed", e);
        }
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
        return CompletableFuture.supplyAsync(() -> execute(request, options));
    }

    private static Request toOkHttp(HttpRequest request) {
        Request.Builder b = new Request.Builder().url(request.url());
        Headers headers = request.headers();
        for (String name : headers.names()) {
            for (String value : headers.values(name)) {
                b.addHeader(name, value);
            }
        }
        RequestBody body = request.body().map(Body::new).orElse(null);
        return b.method(request.method().name(), body).build();
    }

    /** The SDK's body written straight to the connection (no copy through a buffer first). */
    private static final class Body extends RequestBody {
        private final HttpRequestBody in;
        private final MediaType type;

        Body(HttpRequestBody in) {
            this.in = in;
            this.type = in.contentType() == null ? null : MediaType.parse(in.contentType());
        }

        @Override
        public MediaType contentType() {
            return type;
        }

        @Override
        public long contentLength() {
            return in.contentLength();
        }

        @Override
        public boolean isOneShot() {
            return !in.repeatable();
        }

        @Override
        public void writeTo(BufferedSink sink) {
            in.writeTo(sink.outputStream());
        }
    }

    @Override
    public void close() {
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
    }

    /** An OkHttp response as the SDK reads one. */
    private static final class Reply implements HttpResponse {
        private final Response response;
        private Headers headers;

        Reply(Response response) {
            this.response = response;
        }

        @Override
        public int statusCode() {
            return response.code();
        }

        @Override
        public Headers headers() { // copied when the SDK asks (an error's Retry-After), not on every reply
            if (headers == null) {
                Headers.Builder h = Headers.builder();
                response.headers().forEach(pair -> h.put(pair.getFirst(), pair.getSecond()));
                headers = h.build();
            }
            return headers;
        }

        @Override
        public InputStream body() {
            return response.body() == null
                    ? InputStream.nullInputStream()
                    : response.body().byteStream();
        }

        @Override
        public void close() {
            response.close();
        }
    }
}
