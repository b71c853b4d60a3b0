package dev.cfn.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cfn.InvalidInputException;
import dev.cfn.json.FieldReader;
import dev.cfn.json.Json;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request's JSON object body, read once (over the size limit: 413 from Javalin) and checked
 * field by field: every failure is an {@link InvalidInputException} (400) naming the field. A body
 * not sent as {@code application/json} is refused with 415 before it is read: a web page can send
 * {@code text/plain} or a form to any address without asking (a CORS "simple" request), but not
 * JSON.
 */
final class JsonBody implements FieldReader {
    private static final ObjectMapper JSON = Json.mapper();

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /**
     * Parses the body; {@code allowed} are the only fields it may have.
     *
     * @throws InvalidInputException if it is not a JSON object or has an unknown field
     * @throws HttpResponseException 415 if its content type is not {@code application/json}
     */
    static JsonBody of(Context ctx, Set<String> allowed) {
        requireJson(ctx.header("Content-Type"));
        byte[] bytes = ctx.bodyAsBytes();
        JsonNode parsed;
        try {
            parsed = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + " column "
                            + e.getLocation().getColumnNr();
            throw new InvalidInputException("request body is not valid JSON" + where + ": "
                    + HttpErrors.oneLine(e.getOriginalMessage()).replaceAll("\\s*\\(start marker at .*$", ""));
        } catch (java.io.IOException e) {
            throw new InvalidInputException("request body cannot be read: " + e.getMessage());
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw new InvalidInputException("request body must be a JSON object, but was "
                    + (parsed == null || parsed.isMissingNode()
                            ? "empty"
                            : parsed.getNodeType().name().toLowerCase()));
        }
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw new InvalidInputException(
                        "unknown field '" + field + "' (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
        return new JsonBody(object);
    }

    /**
     * As {@link #of}, but an empty body (still sent as {@code application/json}) is an empty object:
     * for actions that take no fields, such as a cancel.
     */
    static JsonBody ofOptional(Context ctx, Set<String> allowed) {
        requireJson(ctx.header("Content-Type"));
        if (ctx.bodyAsBytes().length == 0) {
            return new JsonBody(JSON.createObjectNode());
        }
        return of(ctx, allowed);
    }

    static void requireJson(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip();
        if (!type.equalsIgnoreCase("application/json")) {
            throw new HttpResponseException(
                    415,
                    "request body must be sent with 'Content-Type: application/json', but was "
                            + (contentType == null ? "without a content type" : "'" + contentType + "'"));
        }
    }

    /** A string field, or null when absent or null. */
    @Override
    public String text(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(field, "a string", v);
        }
        return v.asText();
    }

    @Override
    public String requiredText(String field) {
        String v = text(field);
        if (v == null) {
            throw new InvalidInputException("field '" + field + "' is required");
        }
        return v;
    }

    @Override
    public Integer integer(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToExactIntegral() || !v.canConvertToInt()) {
            throw wrongType(field, "an integer", v);
        }
        return v.asInt();
    }

    @Override
    public Long longInteger(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw wrongType(field, "an integer", v);
        }
        return v.asLong();
    }

    @Override
    public Double number(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw wrongType(field, "a number", v);
        }
        return v.asDouble();
    }

    @Override
    public boolean flag(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw wrongType(field, "true or false", v);
        }
        return v.asBoolean();
    }

    /** A list of strings, or null when absent or null. */
    @Override
    public List<String> texts(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw wrongType(field, "an array of strings", v);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw wrongType(field, "an array of strings", v);
            }
            out.add(item.asText());
        }
        return out;
    }

    private static InvalidInputException wrongType(String field, String expected, JsonNode value) {
        String shown = value.toString();
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        return new InvalidInputException("field '" + field + "' must be " + expected + ", but was " + shown);
    }
}
