package dev.cfn.agents.llm.tools;

/** A tool call that failed in a way the model should see and may correct (bad input, refused path). */
public final class ToolError extends Exception {
    public ToolError(String message) {
        super(message, null, false, false);
    }
}
