package dev.cfn.agents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.json.Json;
import dev.cfn.protocol.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an agent's answer from its stdout (the agent protocol, docs/agent-protocol.md): the last
 * line that is a JSON object is the answer; without one, the text fallbacks of the original
 * ({@code confidence: 0.82}, {@code Confidence: 82%}, {@code Decision: PROCEED}). A missing or
 * invalid confidence is 0.0 with a reason, never a default. Never throws, whatever the text.
 * Thread-safe.
 */
public final class AgentOutputParser {
    static final String NO_CONFIDENCE = "no confidence reported";
    private static final int MAX_TEXT = 8_000;
    private static final int MAX_ITEMS = 200;
    private static final Pattern CONFIDENCE =
            Pattern.compile("(?i)confidence(?:\\s++score)?\\s*+[:=]\\s*+\\**+\\s*+(-?\\d++(?:\\.\\d++)?)\\s*+(%)?");
    private static final Pattern DECISION =
            Pattern.compile("(?i)\\bdecision\\s*+[:=]\\s*+\\**+\\s*+(PROCEED|ITERATE|ABORT)\\b");

    /** The answer in {@code output}; text after the answer line is ignored. */
    public AgentAnswer parse(String output) {
        String text = output == null ? "" : output;
        JsonNode json = lastJsonObject(text);
        return json != null ? fromJson(json, text) : fromText(text);
    }

    private static JsonNode lastJsonObject(String text) {
        int end = text.length();
        while (end > 0) {
            int start = text.lastIndexOf('\n', end - 1) + 1;
            String line = text.substring(start, end).strip();
            if (line.startsWith("{") && line.endsWith("}")) {
                try {
                    JsonNode node = Json.mapper().readTree(line);
                    if (node != null && node.isObject()) {
                        return node;
                    }
                } catch (JsonProcessingException | RuntimeException e) {
                    // not JSON after all: keep looking upwards
                }
            }
            end = start - 1;
        }
        return null;
    }

    private AgentAnswer fromJson(JsonNode json, String text) {
        Confidence c = confidence(json.get("confidence"));
        if (NO_CONFIDENCE.equals(c.reason())) {
            c = textConfidence(text);
        }
        Decision decision = Decision.lenient(text(json, "decision"));
        return new AgentAnswer(
                c.value(),
                c.reason(),
                text(json, "status"),
                text(json, "summary"),
                files(json.get("files")),
                feedback(json.get("feedback")),
                decision != null ? decision : textDecision(text),
                text(json, "reasoning"),
                "json",
                skills(json.get("skills")));
    }

    /**
     * {@code "skills"}: a list of SKILL.md texts (a reflector's proposals). A single string counts as
     * a list of one; anything else that is not a string is left out (cfn reports the count it read).
     */
    private static List<String> skills(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        List<String> out = new java.util.ArrayList<>();
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (item.isTextual() && out.size() < MAX_ITEMS) {
                    out.add(item.asText());
                }
            }
        }
        return out;
    }

    private AgentAnswer fromText(String text) {
        Confidence c = textConfidence(text);
        Decision decision = textDecision(text);
        String source = NO_CONFIDENCE.equals(c.reason()) && decision == null ? "none" : "text";
        return new AgentAnswer(c.value(), c.reason(), null, null, List.of(), List.of(), decision, null, source);
    }

    private record Confidence(double value, String reason) {}

    private static Confidence confidence(JsonNode node) {
        if (node == null || node.isNull()) {
            return new Confidence(0.0, NO_CONFIDENCE);
        }
        if (node.isNumber()) {
            return checked(node.asDouble(), node.asText());
        }
        if (node.isTextual()) {
            String t = node.asText().strip();
            boolean percent = t.endsWith("%");
            try {
                double v = Double.parseDouble(
                        percent ? t.substring(0, t.length() - 1).strip() : t);
                return checked(percent ? v / 100 : v, t);
            } catch (NumberFormatException e) {
                return new Confidence(0.0, "confidence '" + clip(t, 40) + "' is not a number");
            }
        }
        return new Confidence(0.0, "confidence must be a number from 0 to 1, but was " + clip(node.toString(), 40));
    }

    private static Confidence checked(double value, String written) {
        if (value >= 0.0 && value <= 1.0) {
            return new Confidence(value == 0.0 ? 0.0 : value, null); // no -0.0
        }
        return new Confidence(0.0, "confidence " + clip(written, 40) + " is outside 0..1");
    }

    private static Confidence textConfidence(String text) {
        Matcher m = CONFIDENCE.matcher(text);
        String number = null;
        boolean percent = false;
        while (m.find()) {
            number = m.group(1);
            percent = m.group(2) != null;
        }
        if (number == null) {
            return new Confidence(0.0, NO_CONFIDENCE);
        }
        double v = Double.parseDouble(number);
        return checked(percent ? v / 100 : v, percent ? number + "%" : number);
    }

    private static Decision textDecision(String text) {
        Matcher m = DECISION.matcher(text);
        Decision decision = null;
        while (m.find()) {
            decision = Decision.lenient(m.group(1));
        }
        return decision;
    }

    private static List<String> files(JsonNode node) {
        List<String> files = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode item : node) {
                if (item.isTextual() && !item.asText().isBlank() && files.size() < MAX_ITEMS) {
                    files.add(clip(item.asText(), 1000));
                }
            }
        }
        return files;
    }

    private static List<Feedback> feedback(JsonNode node) {
        List<Feedback> feedback = new ArrayList<>();
        if (node == null || !node.isArray()) {
            return feedback;
        }
        for (JsonNode item : node) {
            Feedback f =
                    item.isTextual() ? new Feedback(Feedback.Severity.WARNING, clip(item.asText(), MAX_TEXT)) : null;
            if (item.isObject() && text(item, "message") != null) {
                f = new Feedback(severity(text(item, "severity")), text(item, "message"));
            }
            if (f != null && feedback.size() < MAX_ITEMS) {
                feedback.add(f);
            }
        }
        return feedback;
    }

    /** CRITICAL, WARNING or SUGGESTION (any case); anything else counts as a WARNING. */
    static Feedback.Severity severity(String value) {
        if (value == null) {
            return Feedback.Severity.WARNING;
        }
        return switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "CRITICAL", "ERROR", "BLOCKER" -> Feedback.Severity.CRITICAL;
            case "SUGGESTION", "INFO", "NOTE" -> Feedback.Severity.SUGGESTION;
            default -> Feedback.Severity.WARNING;
        };
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        return clip(node.asText(), MAX_TEXT);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
