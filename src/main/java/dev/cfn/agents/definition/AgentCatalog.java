package dev.cfn.agents.definition;

import dev.cfn.NotFoundException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.DefaultRuntime;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The agents defined under a folder ({@code .claude/agents} by default): every {@code *.md} below
 * it, read in path order. Never gives up on the rest because of one file: unusable files are
 * {@link #problems()}, files without front matter are {@link #documentation()}, and a name defined
 * twice keeps its first definition with a warning. Immutable once loaded.
 */
public final class AgentCatalog {
    /** Where agents live, relative to a project folder. */
    public static final Path DEFAULT_DIR = Path.of(".claude", "agents");

    private final Path dir;
    private final Map<String, AgentDefinition> agents;
    private final List<FileProblem> problems;
    private final List<FileProblem> warnings;
    private final List<Path> documentation;
    private final int files;
    private final DefaultRuntime llmDefault;
    private final Set<String> declared;

    private AgentCatalog(
            Path dir,
            Map<String, AgentDefinition> agents,
            List<FileProblem> problems,
            List<FileProblem> warnings,
            List<Path> documentation,
            int files,
            DefaultRuntime llmDefault,
            Set<String> declared) {
        this.dir = dir;
        this.llmDefault = llmDefault;
        this.declared = Set.copyOf(declared);
        this.agents = Collections.unmodifiableMap(new TreeMap<>(agents));
        this.problems = List.copyOf(problems);
        this.warnings = List.copyOf(warnings);
        this.documentation = List.copyOf(documentation);
        this.files = files;
    }

    /**
     * Loads every definition under {@code dir}; those naming neither runtime nor command run on the
     * anthropic runtime (see {@link #load(Path, DefaultRuntime)}).
     *
     * @throws NotFoundException when {@code dir} is not a folder
     */
    public static AgentCatalog load(Path dir) {
        return load(dir, DefaultRuntime.ANTHROPIC);
    }

    /**
     * Loads every definition under {@code dir}; those naming neither runtime nor command run on
     * {@code llmDefault}.
     *
     * @throws NotFoundException when {@code dir} is not a folder
     */
    public static AgentCatalog load(Path dir, DefaultRuntime llmDefault) {
        return load(dir, llmDefault, Set.of());
    }

    /**
     * As {@link #load(Path, DefaultRuntime)}, knowing the providers {@code <home>/config} defines
     * ({@link AgentDefinitionParser#configuredProviders}), so only a provider that is neither built in
     * nor configured is warned about.
     *
     * @throws NotFoundException when {@code dir} is not a folder
     */
    public static AgentCatalog load(Path dir, DefaultRuntime llmDefault, Set<String> providers) {
        if (!Files.isDirectory(dir)) {
            throw new NotFoundException(dir + ": no such agents folder");
        }
        List<FileProblem> problems = new ArrayList<>();
        List<Path> paths = markdownFiles(dir, problems);
        AgentDefinitionParser parser = new AgentDefinitionParser(llmDefault, providers);
        Map<String, AgentDefinition> agents = new LinkedHashMap<>();
        List<FileProblem> warnings = new ArrayList<>();
        List<Path> documentation = new ArrayList<>();
        Set<String> declared = new java.util.HashSet<>();
        for (Path path : paths) {
            try {
                switch (parser.read(path)) {
                    case ParsedAgentFile.Documentation doc -> documentation.add(doc.path());
                    case ParsedAgentFile.Agent agent -> add(agents, agent, warnings, declared);
                }
            } catch (AgentDefinitionException e) {
                problems.add(e.problem());
            }
        }
        return new AgentCatalog(dir, agents, problems, warnings, documentation, paths.size(), llmDefault, declared);
    }

    private static void add(
            Map<String, AgentDefinition> agents,
            ParsedAgentFile.Agent agent,
            List<FileProblem> warnings,
            Set<String> declared) {
        warnings.addAll(agent.warnings());
        AgentDefinition definition = agent.definition();
        AgentDefinition first = agents.get(definition.name());
        if (first == null) {
            agents.put(definition.name(), definition);
            if (agent.declaresRuntime()) {
                declared.add(definition.name());
            }
        } else {
            warnings.add(new FileProblem(
                    definition.source(),
                    agent.nameLine(),
                    "agent name '" + definition.name() + "' is already defined in " + first.source()
                            + "; this definition is ignored"));
        }
    }

    private static List<Path> markdownFiles(Path dir, List<FileProblem> problems) {
        List<Path> paths = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".md")) {
                        paths.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    problems.add(new FileProblem(file, 0, "cannot read: " + e.getMessage()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(new FileProblem(dir, 0, "cannot list: " + e.getMessage()));
        }
        Collections.sort(paths);
        return paths;
    }

    public Path dir() {
        return dir;
    }

    /** The usable agents, by name (sorted). */
    public Map<String, AgentDefinition> agents() {
        return agents;
    }

    public Collection<AgentDefinition> definitions() {
        return agents.values();
    }

    public Optional<AgentDefinition> find(String name) {
        return Optional.ofNullable(agents.get(name));
    }

    /**
     * The agent called {@code name}.
     *
     * @throws NotFoundException naming the folder, when there is none (or its file is unusable)
     */
    public AgentDefinition require(String name) {
        AgentDefinition definition = agents.get(name);
        if (definition == null) {
            String why = problems.stream()
                    .filter(p -> p.path().getFileName().toString().equals(name + ".md"))
                    .map(p -> " (" + p + ")")
                    .findFirst()
                    .orElse("");
            throw new NotFoundException("agent '" + name + "' not found in " + dir + why);
        }
        return definition;
    }

    /** Files that define no usable agent, each with {@code path:line: why}. */
    public List<FileProblem> problems() {
        return problems;
    }

    /** Usable files read with reservations: lenient front matter, duplicate names, ignored keys. */
    public List<FileProblem> warnings() {
        return warnings;
    }

    /** Markdown files without front matter (documentation, not agents). */
    public List<Path> documentation() {
        return documentation;
    }

    /** The runtime of the definitions that name neither runtime nor command, and why. */
    public DefaultRuntime llmDefault() {
        return llmDefault;
    }

    /**
     * Why {@code definition} (one of this catalog's) runs on its runtime: named in its front matter,
     * a command given, or this catalog's {@link #llmDefault()}.
     */
    public String runtimeReason(AgentDefinition definition) {
        if (declared.contains(definition.name())) {
            return "named in its front matter";
        }
        if (!definition.command().isEmpty()) {
            return "it has a command";
        }
        return "no runtime or command in its front matter, and " + llmDefault.why();
    }

    /** How many {@code *.md} files were read. */
    public int files() {
        return files;
    }
}
