package dev.cfn.agents.definition;

import dev.cfn.agents.AgentDefinition;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** What an agent definition file turned out to be: an agent, or documentation (no front matter). */
public sealed interface ParsedAgentFile permits ParsedAgentFile.Agent, ParsedAgentFile.Documentation {
    Path path();

    /**
     * A usable agent, with the warnings its reading raised (lenient front matter, ignored keys).
     *
     * @param nameLine the line of its {@code name} key
     * @param declaresRuntime true when its front matter names the runtime (else it was chosen:
     *     command when a command is given, else the parser's default)
     */
    record Agent(AgentDefinition definition, int nameLine, List<FileProblem> warnings, boolean declaresRuntime)
            implements ParsedAgentFile {
        public Agent {
            Objects.requireNonNull(definition, "definition");
            warnings = List.copyOf(warnings);
        }

        @Override
        public Path path() {
            return definition.source();
        }
    }

    /** A Markdown file without front matter: documentation beside the agents, not an agent. */
    record Documentation(Path path) implements ParsedAgentFile {
        public Documentation {
            Objects.requireNonNull(path, "path");
        }
    }
}
