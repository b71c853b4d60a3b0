package dev.cfn.loop;

import dev.cfn.CfnException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRuntime;
import dev.cfn.agents.Feedback;
import dev.cfn.protocol.Phase;
import dev.cfn.skills.ProposeResult;
import dev.cfn.skills.SkillOrigin;
import dev.cfn.skills.SkillRegistry;
import dev.cfn.skills.file.SkillFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loop 5, learning under approval: once a run has stored its PROCEED, its reflector (named at the
 * run's start, {@code cfn loop run --reflect AGENT}) gets the run's history (task, criteria,
 * iterations with their figures, feedback, decisions and every agent's answer) and may answer with
 * SKILL.md documents ({@code "skills": ["..."]}). Each is proposed to the registry as a version
 * awaiting approval, {@code generated_by: reflection} with the run id, whatever its category: never
 * deployed. A document that does not parse or does not fit the registry is reported and the others
 * are still proposed. What happened is stored with the run ({@link RunStore#reflection}) and told
 * as {@link LoopEvent.Reflected}; a failing reflection never changes the run's status or decision.
 */
public final class Reflection {
    public static final String PLANNED = "planned";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    private final RunStore store;
    private final AgentTeam team;
    private final AgentRuntime runtime;
    private final Clock clock;
    private final LoopListener listener;
    private final Path logDir;
    private final Map<String, String> env;
    private volatile SkillRegistry registry;

    public Reflection(
            RunStore store,
            AgentTeam team,
            AgentRuntime runtime,
            Clock clock,
            LoopListener listener,
            Path logDir,
            Map<String, String> env) {
        this.store = store;
        this.team = team;
        this.runtime = runtime;
        this.clock = clock;
        this.listener = listener;
        this.logDir = logDir;
        this.env = Map.copyOf(env);
    }

    /**
     * The agent named by {@code --reflect}.
     *
     * @throws dev.cfn.InvalidInputException if no definition has that name
     */
    void requireDefined(String reflector) {
        if (!team.definitions().containsKey(reflector)) {
            throw new dev.cfn.InvalidInputException(
                    "--reflect names agent '" + reflector + "', which is not defined (see 'cfn agent list')");
        }
    }

    /** Records, as the run starts, that {@code reflector} reflects on it after a PROCEED. */
    void plan(String runId, String reflector) {
        Map<String, Object> planned = new LinkedHashMap<>();
        planned.put("reflector", reflector);
        planned.put("state", PLANNED);
        store.saveReflection(runId, planned, clock.millis());
    }

    /**
     * Reflects on a run whose PROCEED is stored, if it planned a reflection not yet done (a resumed
     * run reflects once). Never throws: a failure is stored and told.
     */
    void afterProceed(String runId) {
        Map<String, Object> planned;
        try {
            planned = store.reflection(runId).orElse(null);
        } catch (CfnException e) {
            return;
        }
        if (planned == null || !PLANNED.equals(planned.get("state"))) {
            return;
        }
        String reflector = String.valueOf(planned.get("reflector"));
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("reflector", reflector);
        List<String> proposed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String error = null;
        try {
            AgentResult answer = ask(runId, reflector);
            outcome.put("agent_id", answer.agentId());
            if (answer.status() != AgentResult.Status.SUCCESS) {
                error = "reflector " + reflector + " " + answer.status().name().toLowerCase(Locale.ROOT)
                        + (answer.confidenceReason() == null ? "" : ": " + answer.confidenceReason());
            } else {
                propose(runId, answer.skills(), proposed, problems);
            }
        } catch (RuntimeException e) {
            error = "reflection failed: " + e.getMessage();
        }
        outcome.put("state", error == null ? DONE : FAILED);
        outcome.put("proposed", proposed);
        outcome.put("problems", problems);
        if (error != null) {
            outcome.put("error", error);
        }
        try {
            store.saveReflection(runId, outcome, clock.millis());
        } catch (CfnException e) {
            problems.add("the reflection's outcome could not be stored: " + e.getMessage());
        }
        listener.on(new LoopEvent.Reflected(runId, reflector, proposed, problems, error));
    }

    private AgentResult ask(String runId, String reflector) {
        RunRecord run = store.run(runId).orElseThrow();
        AgentDefinition definition = team.get(reflector);
        Map<String, Object> input = history(run);
        String agentId = reflector + "-reflect-" + run.iterations();
        AgentInvocation invocation = new AgentInvocation(
                definition,
                runId,
                agentId,
                run.iterations(),
                Phase.PRODUCT_OWNER, // the phase after which it runs; the input says "loop": "reflection"
                run.mode(),
                Path.of(run.settings().workdir()),
                input,
                env,
                definition.effectiveTimeout(),
                logDir);
        return runtime.run(invocation);
    }

    /** What the reflector reads: the run from its task to its decision. */
    Map<String, Object> history(RunRecord run) {
        LoopSettings settings = run.settings();
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "task", settings.task());
        put(m, "run_id", run.id());
        put(m, "loop", "reflection");
        put(m, "mode", settings.mode());
        put(m, "acceptance_criteria", criteria(settings));
        put(
                m,
                "decision",
                run.finalDecision() == null ? null : run.finalDecision().name());
        put(m, "reason", run.exitReason());
        List<Map<String, Object>> iterations = new ArrayList<>();
        for (IterationRecord it : store.iterations(run.id())) {
            Map<String, Object> i = new LinkedHashMap<>();
            put(i, "iteration", it.iteration());
            put(i, "gate", it.gateScore());
            put(i, "gate_passed", it.gatePassed());
            put(i, "consensus", it.consensusScore());
            put(i, "consensus_passed", it.consensusPassed());
            put(i, "deliverables_ok", it.deliverablesOk());
            put(i, "deliverable_problems", it.deliverableProblems());
            put(i, "decision", it.decision() == null ? null : it.decision().name());
            put(i, "reason", it.reason());
            put(i, "feedback", feedback(it.feedback()));
            List<Map<String, Object>> agents = new ArrayList<>();
            for (LoopEvent.AgentFinished f : store.finished(run.id(), it.iteration())) {
                AgentResult r = f.result();
                Map<String, Object> a = new LinkedHashMap<>();
                put(a, "agent_id", r.agentId());
                put(a, "agent_type", r.agentType());
                put(a, "loop", f.phase().label());
                put(a, "status", r.status().name().toLowerCase(Locale.ROOT));
                put(a, "confidence", r.confidence());
                put(a, "summary", r.summary());
                put(a, "files", r.files());
                put(a, "feedback", feedback(r.feedback()));
                put(a, "decision", r.decision() == null ? null : r.decision().name());
                put(a, "reasoning", r.reasoning());
                agents.add(a);
            }
            put(i, "agents", agents);
            iterations.add(i);
        }
        put(m, "iterations", iterations);
        return m;
    }

    /** Leaves out null values: an agent's input holds none (absent means unknown). */
    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** The run's acceptance criteria ({@code --criteria}), stored with its settings. */
    static List<String> criteria(LoopSettings settings) {
        return settings.judging().criteria();
    }

    private static List<Map<String, String>> feedback(List<Feedback> feedback) {
        return feedback.stream()
                .map(f -> Map.of("severity", f.severity().name(), "message", f.message()))
                .toList();
    }

    /** Each text proposed on its own (one bad document does not keep the others out). */
    private void propose(String runId, List<String> texts, List<String> proposed, List<String> problems) {
        SkillRegistry skills = registry();
        for (int k = 0; k < texts.size(); k++) {
            Path where = Path.of("reflection", runId, "skill-" + (k + 1), "SKILL.md");
            try {
                SkillFile file = skills.parser().parse(where, texts.get(k).getBytes(StandardCharsets.UTF_8), null);
                ProposeResult r = skills.proposePending(file, SkillOrigin.reflection(runId));
                proposed.add(r.skill() + " " + r.version());
            } catch (CfnException e) {
                problems.add(e.getMessage());
            }
        }
    }

    private SkillRegistry registry() {
        SkillRegistry r = registry;
        if (r == null) {
            r = new SkillRegistry(store.database(), clock);
            registry = r;
        }
        return r;
    }
}
