package dev.cfn.agents.claude;

import dev.cfn.RetriableException;
import dev.cfn.agents.AgentAnswer;
import dev.cfn.agents.AgentChannel;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentFiles;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRuntime;
import dev.cfn.agents.AgentSession;
import dev.cfn.agents.PriceTable;
import dev.cfn.agents.process.Launch;
import dev.cfn.agents.process.ProcessOutcome;
import dev.cfn.agents.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code claude-code} runtime: one {@code claude -p} process per agent ({@code --output-format
 * stream-json --verbose}, stdin from /dev/null, in the workdir), with the definition's model, its
 * tools as the allowed tools (never {@code --dangerously-skip-permissions}: an allowed-tools list
 * works for every user, root included), {@code max_turns} (30 by default), its body, skills and the
 * answer protocol appended to Claude Code's system prompt, and the answer's JSON Schema. The
 * stream-json is read live ({@link ClaudeStream}: progress, a {@link
 * dev.cfn.agents.ProgressListener.StopAgent} ends the process tree) and kept gzip-compressed as the
 * agent's transcript ({@link AgentFiles#transcript}); the result line gives the answer, the status,
 * the usage and the cost ({@link ClaudeResults}). An invocation whose slot has a session from the
 * same folder resumes it with the feedback as the prompt (a session Claude Code no longer has is
 * started afresh); the session used is kept for the slot's next invocation. Thread-safe.
 */
public final class ClaudeCodeRuntime implements AgentRuntime {
    /** Turns an agent may take when its definition sets no {@code max_turns}. */
    public static final int DEFAULT_MAX_TURNS = 30;

    /** Set in cfn's environment (or {@code claude.nonessential_traffic} in the config) to let Claude Code's
     * non-essential traffic (telemetry, update checks) through. */
    public static final String TRAFFIC_VARIABLE = "CFN_CLAUDE_NONESSENTIAL_TRAFFIC";

    private final ProcessRunner runner;
    private final Map<String, String> cfnEnv;
    private final ClaudeResults results = new ClaudeResults();
    private final PriceTable prices;
    private final AgentChannel channel;

    /**
     * @param cfnEnv cfn's environment: where the executable is looked up ({@link ClaudeExecutable}),
     *     and the only source of what the process is allowed of it
     */
    public ClaudeCodeRuntime(ProcessRunner runner, Map<String, String> cfnEnv) {
        this(runner, cfnEnv, PriceTable.builtIn());
    }

    /** @param prices prices the tokens as they stream in, for live costs and cost budgets */
    public ClaudeCodeRuntime(ProcessRunner runner, Map<String, String> cfnEnv, PriceTable prices) {
        this(runner, cfnEnv, prices, AgentChannel.NONE);
    }

    /**
     * @param channel where each agent gets a seat on the orchestrator's MCP endpoint ({@code
     *     report_result}, {@code skills_for_agent}); {@link AgentChannel#NONE} for none
     */
    public ClaudeCodeRuntime(
            ProcessRunner runner, Map<String, String> cfnEnv, PriceTable prices, AgentChannel channel) {
        this.runner = runner;
        this.cfnEnv = Map.copyOf(cfnEnv);
        this.prices = prices;
        this.channel = channel;
    }

    /**
     * @throws RetriableException when the claude CLI is not found, or cannot be started
     */
    @Override
    public AgentResult run(AgentInvocation inv) {
        // In a container, the image's claude runs (found on its PATH), not this machine's.
        ClaudeExecutable claude = inv.definition().inContainer()
                ? new ClaudeExecutable(Path.of("claude"), "the image's PATH (sandbox: container)")
                : ClaudeExecutable.require(cfnEnv);
        Optional<AgentSession> previous = inv.sessions().find(inv.slot()).filter(s -> s.ranIn(inv.workdir()));
        try (ClaudeExtras extras = ClaudeExtras.prepare(inv, channel)) {
            Attempt attempt =
                    attempt(inv, claude, previous.map(AgentSession::sessionId).orElse(null), extras);
            if (previous.isPresent() && attempt.sessionLost()) {
                // Claude Code no longer has it (another config folder?)
                attempt = attempt(inv, claude, null, extras);
            }
            String session = attempt.stream().sessionId();
            Optional<AgentAnswer> reported =
                    extras.seat() == null ? Optional.empty() : extras.seat().reported();
            if (session != null && (attempt.stream().answered() || reported.isPresent() || previous.isPresent())) {
                inv.sessions().save(inv.slot(), new AgentSession(session, inv.workdir()));
            }
            return results.of(inv, attempt.outcome(), attempt.stream(), reported);
        }
    }

    private record Attempt(ProcessOutcome outcome, ClaudeStream stream, boolean resumed) {
        /** A resume that ended at once without a turn: the session is gone. */
        boolean sessionLost() {
            return resumed
                    && outcome.stopReason() == null
                    && !outcome.timedOut()
                    && !stream.answered()
                    && (stream.result() == null
                            || stream.result().path("num_turns").asInt(0) == 0
                                    && stream.result().path("is_error").asBoolean(false));
        }
    }

    private Attempt attempt(AgentInvocation inv, ClaudeExecutable claude, String resume, ClaudeExtras extras) {
        boolean tool = extras.seat() != null;
        ClaudePrompts.Prompts prompts =
                resume == null ? ClaudePrompts.fresh(inv, tool) : ClaudePrompts.resumed(inv, tool);
        Path system = writeSystem(inv, prompts);
        ClaudeStream stream = new ClaudeStream(inv.agentId(), inv.workdir(), inv.progress(), prices);
        List<String> argv = argv(claude.path(), inv.definition(), prompts.prompt(), system, resume, extras);
        ProcessOutcome outcome = runner.follow(
                inv, new Launch(argv, addedEnv(cfnEnv), AgentFiles.file(inv, AgentFiles.TRANSCRIPT), stream));
        return new Attempt(outcome, stream, resume != null);
    }

    /**
     * The command line this runtime runs for a fresh (not resumed) {@code inv}, its system prompt
     * file written: what {@code cfn agent bench} runs bare to measure what cfn adds.
     *
     * @throws RetriableException when the system prompt file cannot be written
     */
    public static List<String> commandLine(AgentInvocation inv, Path claude) {
        ClaudePrompts.Prompts prompts = ClaudePrompts.fresh(inv);
        return argv(claude, inv.definition(), prompts.prompt(), writeSystem(inv, prompts), null);
    }

    /** The environment this runtime adds for its process (see {@link #TRAFFIC_VARIABLE}). */
    public static Map<String, String> addedEnv(Map<String, String> cfnEnv) {
        String allow = cfnEnv.getOrDefault(TRAFFIC_VARIABLE, "").strip().toLowerCase(Locale.ROOT);
        boolean allowed = allow.equals("true") || allow.equals("1") || allow.equals("yes");
        return allowed ? Map.of() : Map.of("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
    }

    /** The command line of one run. */
    static List<String> argv(Path claude, AgentDefinition d, String prompt, Path systemFile, String resume) {
        return argv(claude, d, prompt, systemFile, resume, ClaudeExtras.NONE);
    }

    private static List<String> argv(
            Path claude, AgentDefinition d, String prompt, Path systemFile, String resume, ClaudeExtras extras) {
        List<String> tools = new ArrayList<>(d.toolsOrDefault());
        extras.tools().stream().filter(t -> !tools.contains(t)).forEach(tools::add);
        List<String> argv = new ArrayList<>(List.of(
                claude.toString(),
                "-p",
                prompt,
                "--output-format",
                "stream-json",
                "--verbose",
                "--max-turns",
                Integer.toString(d.maxTurns() == null ? DEFAULT_MAX_TURNS : d.maxTurns()),
                "--allowedTools",
                String.join(",", tools),
                "--append-system-prompt-file",
                systemFile.toString()));
        if (extras.seat() == null) {
            // With cfn's report_result tool there is no StructuredOutput: Claude Code would insist on it
            // after the agent has answered through the tool (one more turn for the same answer).
            argv.addAll(List.of("--json-schema", AnswerSchema.of(d.role())));
        }
        String model = d.model();
        if (model != null && !model.isBlank() && !model.strip().equalsIgnoreCase("inherit")) {
            argv.addAll(List.of("--model", model.strip()));
        }
        if (resume != null) {
            argv.addAll(List.of("--resume", resume));
        }
        argv.addAll(extras.options());
        return argv;
    }

    private static Path writeSystem(AgentInvocation inv, ClaudePrompts.Prompts prompts) {
        Path system = AgentFiles.file(inv, ".system.md");
        try {
            Files.writeString(system, prompts.system());
            return system;
        } catch (IOException e) {
            throw new RetriableException(
                    "cannot write the system prompt of agent " + inv.agentId() + " to " + system + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
