package dev.cfn.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cfn.json.Json;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals, made before a request reaches Javalin (a malformed path such as {@code
 * /%2e%2e/} or {@code %00}, a bad header), in the API's one-line JSON shape instead of Jetty's
 * HTML page. Stateless.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = Json.mapper();

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    static byte[] body(int code, String message) {
        String reason = HttpStatus.getMessage(code);
        String text = message == null || message.isBlank() || message.equals(reason)
                ? reason
                : reason + ": " + HttpErrors.oneLine(message);
        try {
            String what = code == 400 ? "malformed request refused" : "request refused";
            return JSON.writeValueAsBytes(Map.of("error", what + " (" + code + " " + text + ")"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a one-entry map is always JSON", e);
        }
    }
}
