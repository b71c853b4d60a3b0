package dev.cfn.agents.definition;

import dev.cfn.InvalidInputException;
import java.nio.file.Path;

/** An agent definition file that cannot be used; the message is {@code path:line: what is wrong}. */
public class AgentDefinitionException extends InvalidInputException {
    private final transient FileProblem problem;

    public AgentDefinitionException(Path path, int line, String problem) {
        this(new FileProblem(path, line, problem));
    }

    public AgentDefinitionException(FileProblem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    public FileProblem problem() {
        return problem;
    }
}
