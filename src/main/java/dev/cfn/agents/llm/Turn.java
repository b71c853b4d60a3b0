package dev.cfn.agents.llm;

import dev.cfn.agents.llm.tools.ToolCall;
import dev.cfn.agents.llm.tools.ToolOutcome;
import java.util.List;
import java.util.Objects;

/** One message of an API agent's conversation, in neither wire format (each {@link ModelApi} maps it). */
public sealed interface Turn permits Turn.User, Turn.Assistant, Turn.Results {
    /** The task as the user's first message. */
    record User(String text) implements Turn {
        public User {
            Objects.requireNonNull(text, "text");
        }
    }

    /** What the model said: its text and the tool calls it asked for. */
    record Assistant(String text, List<ToolCall> calls) implements Turn {
        public Assistant {
            text = text == null ? "" : text;
            calls = List.copyOf(calls);
        }
    }

    /** The results of the previous turn's tool calls, in their order. */
    record Results(List<ToolOutcome> outcomes) implements Turn {
        public Results {
            outcomes = List.copyOf(outcomes);
        }
    }
}
