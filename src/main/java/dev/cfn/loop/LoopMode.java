package dev.cfn.loop;

import dev.cfn.InvalidInputException;
import java.util.Locale;

/** The loop's strictness: gate and consensus thresholds and the iteration budget per mode. */
public enum LoopMode {
    MVP(0.70, 0.80, 5),
    STANDARD(0.75, 0.90, 10),
    ENTERPRISE(0.85, 0.95, 15);

    private final double gate;
    private final double consensus;
    private final int maxIterations;

    LoopMode(double gate, double consensus, int maxIterations) {
        this.gate = gate;
        this.consensus = consensus;
        this.maxIterations = maxIterations;
    }

    public static LoopMode parse(String text) {
        for (LoopMode m : values()) {
            if (m.label().equals(text)) {
                return m;
            }
        }
        throw new InvalidInputException("--mode must be mvp, standard or enterprise, but was '" + text + "'");
    }

    public double gateThreshold() {
        return gate;
    }

    public double consensusThreshold() {
        return consensus;
    }

    public int maxIterations() {
        return maxIterations;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
