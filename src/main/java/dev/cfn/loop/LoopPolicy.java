package dev.cfn.loop;

import dev.cfn.agents.AgentResult;
import dev.cfn.agents.Feedback;
import dev.cfn.protocol.Decision;
import java.util.ArrayList;
import java.util.List;

/**
 * The loop's decisions, apart from the mechanism that runs agents: gate and consensus scoring,
 * and what follows an iteration. Pure functions of their inputs.
 */
public final class LoopPolicy {
    private final LoopSettings settings;

    public LoopPolicy(LoopSettings settings) {
        this.settings = settings;
    }

    /** Loop 3's gate: the mean reported confidence against the gate threshold, with quorum. */
    public Gate gate(List<AgentResult> implementers) {
        return score(implementers, settings.gateThreshold(), "gate");
    }

    /** Loop 2's consensus: the mean reported validator confidence, with quorum. */
    public Gate consensus(List<AgentResult> validators) {
        return score(validators, settings.consensusThreshold(), "consensus");
    }

    /**
     * Every agent counts: the mean is over all of them, and one that failed or was blocked (its status
     * not success), crashed, timed out or reported no confidence counts as 0 with its reason, in the
     * mean and in the quorum (which counts the agents whose confidence stands).
     */
    private Gate score(List<AgentResult> results, double threshold, String what) {
        int agents = results.size();
        double sum = 0;
        int reported = 0;
        List<String> zeros = new ArrayList<>();
        for (AgentResult r : results) {
            String zero = zeroReason(r);
            if (zero == null) {
                sum += r.confidence();
                reported++;
            } else {
                zeros.add(r.agentId() + " counts 0: " + zero);
            }
        }
        double mean = agents == 0 ? 0.0 : sum / agents;
        boolean quorum = agents > 0 && reported >= Math.ceil(settings.quorum() * agents - 1e-9);
        boolean passed = quorum && mean >= threshold;
        String reason;
        if (!quorum) {
            reason = String.format(
                    "%s: only %d of %d agents reported a confidence (quorum %.2f)",
                    what, reported, agents, settings.quorum());
        } else if (!passed) {
            reason = String.format("%s: mean confidence %.3f is below %.2f", what, mean, threshold);
        } else {
            reason = String.format("%s passed: mean confidence %.3f >= %.2f", what, mean, threshold);
        }
        if (!zeros.isEmpty()) {
            reason += " (" + String.join("; ", zeros) + ")";
        }
        return new Gate(mean, reported, agents, threshold, quorum, passed, reason);
    }

    /** Why a result counts 0 at a gate or consensus, or null when its confidence stands. */
    static String zeroReason(AgentResult r) {
        if (r.status() != AgentResult.Status.SUCCESS) {
            String status = r.status().name().toLowerCase(java.util.Locale.ROOT);
            return r.confidenceReason() != null ? status + ", " + r.confidenceReason() : "status " + status;
        }
        return r.confidenceReason();
    }

    /**
     * What follows an iteration: ITERATE when deliverables, gate or consensus failed (whatever the
     * product owner said), else the product owner's decision; an unusable answer or a timeout is
     * ABORT with that reason; without a product owner, PROCEED. Whether an ITERATE can still run
     * is {@link #mayIterate}'s call.
     */
    public Outcome afterIteration(boolean deliverablesOk, Gate gate, Gate consensus, AgentResult productOwner) {
        if (!deliverablesOk) {
            return new Outcome(Decision.ITERATE, "policy", "deliverables missing or unchanged");
        }
        if (!gate.passed()) {
            return new Outcome(Decision.ITERATE, "policy", gate.reason());
        }
        if (consensus != null && !consensus.passed()) {
            return new Outcome(Decision.ITERATE, "policy", consensus.reason());
        }
        if (productOwner == null) {
            return new Outcome(Decision.PROCEED, "policy", consensus == null ? gate.reason() : consensus.reason());
        }
        if (productOwner.status() == AgentResult.Status.TIMEOUT) {
            return new Outcome(Decision.ABORT, "policy", "product owner timed out");
        }
        Decision decision = productOwner.decision();
        if (decision == null) {
            return new Outcome(Decision.ABORT, "policy", "product owner gave no parseable decision");
        }
        String why = productOwner.reasoning() == null ? "product owner decided " + decision : productOwner.reasoning();
        if (decision == Decision.ITERATE) {
            return new Outcome(Decision.ITERATE, "policy", why);
        }
        return new Outcome(decision, "product-owner", why);
    }

    /** Whether another iteration may start after {@code iteration}. */
    public boolean mayIterate(int iteration) {
        return iteration < settings.maxIterations();
    }

    /** The feedback the next iteration's agents get: every finding, plus why the iteration failed. */
    public static List<Feedback> feedbackOf(List<AgentResult> results, String failure) {
        List<Feedback> out = new ArrayList<>();
        if (failure != null) {
            out.add(new Feedback(Feedback.Severity.CRITICAL, failure));
        }
        for (AgentResult r : results) {
            out.addAll(r.feedback());
            if (r.confidenceReason() != null) {
                out.add(new Feedback(Feedback.Severity.WARNING, r.agentId() + ": " + r.confidenceReason()));
            }
        }
        return out;
    }

    /** A decision and who made it ("product-owner" or "policy"), with the reason. */
    public record Outcome(Decision decision, String source, String reason) {}
}
