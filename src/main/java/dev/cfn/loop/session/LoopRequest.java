package dev.cfn.loop.session;

import dev.cfn.InvalidInputException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentRole;
import dev.cfn.git.Git;
import dev.cfn.json.FieldReader;
import dev.cfn.loop.Budget;
import dev.cfn.loop.Judging;
import dev.cfn.loop.LoopMode;
import dev.cfn.loop.LoopSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A request to run a loop as a caller writes it ({@code cfn loop run} options or the JSON body of
 * {@code POST /api/loops}): every field but the task and workdir may be null for its default. One
 * place turns it into {@link LoopSettings}, so the CLI and the API validate alike and fail with the
 * same messages.
 *
 * @param loop3 implementers; null: every implementer in the agents folder
 * @param loop2 validators; null: every validator in the agents folder
 * @param productOwner null: the one product-owner agent of the folder, if any
 * @param agentsDir null: {@code <workdir>/.claude/agents}
 * @param budget null: no limit
 * @param judging criteria, keywords, hooks and the change check; null: none of them, and the change
 *     check on
 * @param isolation null or {@code none}: every agent in the workdir; {@code worktree}: each
 *     implementer in its own git worktree (the workdir must be a git repository)
 */
public record LoopRequest(
        String task,
        String mode,
        List<String> loop3,
        List<String> loop2,
        String productOwner,
        Integer maxIterations,
        Double gate,
        Double consensus,
        Double quorum,
        List<String> expectedFiles,
        Path workdir,
        Path agentsDir,
        Integer parallel,
        Budget budget,
        Judging judging,
        String isolation) {
    /** The fields of a request: {@code cfn loop run}'s options in snake_case, and {@code reflect}. */
    public static final Set<String> FIELDS = Set.of(
            "task",
            "mode",
            "loop3",
            "loop2",
            "product_owner",
            "max_iterations",
            "gate",
            "consensus",
            "quorum",
            "expected_files",
            "workdir",
            "agents_dir",
            "parallel",
            "max_cost_usd",
            "max_tokens",
            "max_duration",
            "criteria",
            "keywords",
            "hooks",
            "allow_unchanged",
            "isolation",
            "reflect");

    public static final double DEFAULT_QUORUM = 0.66;
    public static final int DEFAULT_PARALLEL = 16;

    public LoopRequest {
        if (task == null || task.isBlank()) {
            throw new InvalidInputException("the task must not be empty");
        }
        Objects.requireNonNull(workdir, "workdir");
        if (!Files.isDirectory(workdir)) {
            throw new InvalidInputException("--workdir " + workdir + " is not a folder");
        }
        if (mode != null) {
            LoopMode.parse(mode);
        }
        loop3 = loop3 == null ? null : List.copyOf(loop3);
        loop2 = loop2 == null ? null : List.copyOf(loop2);
        expectedFiles = expectedFiles == null ? List.of() : List.copyOf(expectedFiles);
        budget = budget == null ? Budget.NONE : budget;
        judging = judging == null ? new Judging(List.of(), List.of(), false, true) : judging;
        isolation = isolation == null ? LoopSettings.ISOLATION_NONE : isolation;
        if (!isolation.equals(LoopSettings.ISOLATION_NONE) && !isolation.equals(LoopSettings.ISOLATION_WORKTREE)) {
            throw new InvalidInputException("--isolation must be none or worktree, but was '" + isolation + "'");
        }
        if (isolation.equals(LoopSettings.ISOLATION_WORKTREE)
                && !Git.at(workdir).isRepository()) {
            throw new InvalidInputException(
                    "--isolation worktree needs a git repository, but --workdir " + workdir + " is not one");
        }
    }

    /**
     * The request a caller sent as {@link #FIELDS} (the API's JSON body, the MCP tool's arguments);
     * {@code reflect} is read apart, as it is not part of the run's settings.
     *
     * @throws InvalidInputException naming the field or option at fault
     */
    public static LoopRequest of(FieldReader f) {
        String agentsDir = f.text("agents_dir");
        return new LoopRequest(
                f.requiredText("task"),
                f.text("mode"),
                f.texts("loop3"),
                f.texts("loop2"),
                f.text("product_owner"),
                f.integer("max_iterations"),
                f.number("gate"),
                f.number("consensus"),
                f.number("quorum"),
                f.texts("expected_files"),
                Path.of(f.requiredText("workdir")),
                agentsDir == null ? null : Path.of(agentsDir),
                f.integer("parallel"),
                Budget.of(f.number("max_cost_usd"), f.longInteger("max_tokens"), f.text("max_duration")),
                new Judging(f.texts("criteria"), f.texts("keywords"), f.flag("hooks"), !f.flag("allow_unchanged")),
                f.text("isolation"));
    }

    /** A request without criteria, keywords or hooks (the change check on), every agent in the workdir. */
    public LoopRequest(
            String task,
            String mode,
            List<String> loop3,
            List<String> loop2,
            String productOwner,
            Integer maxIterations,
            Double gate,
            Double consensus,
            Double quorum,
            List<String> expectedFiles,
            Path workdir,
            Path agentsDir,
            Integer parallel,
            Budget budget) {
        this(
                task,
                mode,
                loop3,
                loop2,
                productOwner,
                maxIterations,
                gate,
                consensus,
                quorum,
                expectedFiles,
                workdir,
                agentsDir,
                parallel,
                budget,
                null,
                null);
    }

    /** A request without a budget. */
    public LoopRequest(
            String task,
            String mode,
            List<String> loop3,
            List<String> loop2,
            String productOwner,
            Integer maxIterations,
            Double gate,
            Double consensus,
            Double quorum,
            List<String> expectedFiles,
            Path workdir,
            Path agentsDir,
            Integer parallel) {
        this(
                task,
                mode,
                loop3,
                loop2,
                productOwner,
                maxIterations,
                gate,
                consensus,
                quorum,
                expectedFiles,
                workdir,
                agentsDir,
                parallel,
                (Budget) null);
    }

    /** Where the agent definitions are read from. */
    public Path agentsFolder() {
        return agentsDir != null ? agentsDir : workdir.resolve(".claude").resolve("agents");
    }

    /** Agents running at once. */
    public int parallelism() {
        return parallel == null ? DEFAULT_PARALLEL : parallel;
    }

    /**
     * The settings of the run, defaults filled in from the mode and from the agents defined.
     *
     * @throws InvalidInputException naming the option at fault
     */
    public LoopSettings settings(Collection<AgentDefinition> defined) {
        LoopMode m = LoopMode.parse(mode == null ? LoopMode.STANDARD.label() : mode);
        return new LoopSettings(
                task,
                m.label(),
                gate == null ? m.gateThreshold() : gate,
                consensus == null ? m.consensusThreshold() : consensus,
                maxIterations == null ? m.maxIterations() : maxIterations,
                quorum == null ? DEFAULT_QUORUM : quorum,
                loop3 != null ? loop3 : ofRole(defined, AgentRole.IMPLEMENTER),
                loop2 != null ? loop2 : ofRole(defined, AgentRole.VALIDATOR),
                productOwner != null ? productOwner : owner(defined),
                expectedFiles,
                workdir.toAbsolutePath().normalize().toString(),
                parallelism(),
                budget,
                null,
                judging,
                isolation);
    }

    private static List<String> ofRole(Collection<AgentDefinition> all, AgentRole role) {
        return all.stream()
                .filter(d -> d.role() == role)
                .map(AgentDefinition::name)
                .sorted()
                .toList();
    }

    private static String owner(Collection<AgentDefinition> all) {
        List<String> owners = ofRole(all, AgentRole.PRODUCT_OWNER);
        if (owners.size() > 1) {
            throw new InvalidInputException("several product-owner agents are defined (" + String.join(", ", owners)
                    + "): choose one with --product-owner");
        }
        return owners.isEmpty() ? null : owners.get(0);
    }
}
