package dev.cfn.agents.process;

import java.util.List;

/**
 * Counted test results.
 *
 * @param failures one line per failed test ({@code name: message}), at most {@link #MAX_LISTED}
 * @param source where the counts came from (the reports folder, or the closing line)
 */
record TestTally(int passed, int failed, int skipped, List<String> failures, String source) {
    static final int MAX_LISTED = 20;

    TestTally {
        failures = List.copyOf(failures);
    }

    int run() {
        return passed + failed;
    }

    /** Passed over passed + failed; skipped tests count for neither. */
    double passRate() {
        return run() == 0 ? 0.0 : (double) passed / run();
    }
}
