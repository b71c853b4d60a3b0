package dev.cfn.loop;

/**
 * The outcome of a gate or a consensus: the mean of the confidences reported, how many agents
 * reported one, and whether both the threshold and the quorum were met.
 */
public record Gate(
        double score, int reported, int agents, double threshold, boolean quorumMet, boolean passed, String reason) {}
