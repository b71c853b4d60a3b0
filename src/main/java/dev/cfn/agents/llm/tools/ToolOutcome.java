package dev.cfn.agents.llm.tools;

import java.util.Objects;

/**
 * What a tool call gave back to the model.
 *
 * @param callId the id of the call it answers
 * @param error true when the call failed (a refused path, a missing file, a non-zero exit): the
 *     model sees the text as an error
 */
public record ToolOutcome(String callId, String text, boolean error) {
    public ToolOutcome {
        Objects.requireNonNull(callId, "callId");
        text = text == null ? "" : text;
    }
}
