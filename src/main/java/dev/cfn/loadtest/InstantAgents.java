package dev.cfn.loadtest;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.definition.AgentDefinitionParser;
import dev.cfn.agents.definition.ParsedAgentFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The agents shipped for the load test: Markdown definitions inside the jar, read by the same
 * parser as any {@code .claude/agents} file, so the load test runs a real definition end to end.
 */
public final class InstantAgents {
    private InstantAgents() {}

    /** The bundled instant agent for {@code runtime}. */
    public static AgentDefinition of(LoadRuntime runtime) {
        String text;
        try (InputStream in = InstantAgents.class.getResourceAsStream(runtime.resource())) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + runtime.resource());
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path source = Path.of("cfn.jar!", "dev", "cfn", "loadtest", runtime.resource());
        return switch (new AgentDefinitionParser().parse(source, text)) {
            case ParsedAgentFile.Agent agent -> agent.definition();
            case ParsedAgentFile.Documentation doc -> throw new IllegalStateException(source + " defines no agent");
        };
    }
}
