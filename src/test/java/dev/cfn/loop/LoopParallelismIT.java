package dev.cfn.loop;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop's own bound on agents at once (--parallel), through a real executor and real agents. */
class LoopParallelismIT {
    @TempDir
    Path tmp;

    @Test
    void a_phase_runs_at_most_parallelism_agents_at_once_and_uses_them() throws Exception {
        Path events = tmp.resolve("events");
        // Each implementer marks its start and end; it waits (at most 5 s) until two have started, so
        // the first two overlap whenever the loop lets two run at once.
        String body = "echo + >> '" + events + "'\n"
                + "i=0; while [ \"$(grep -c + '" + events + "')\" -lt 2 ] && [ $i -lt 100 ]; do"
                + " sleep 0.05; i=$((i+1)); done\n"
                + "echo - >> '" + events + "'\n"
                + answer("{\"confidence\": 1.0}");
        TestAgents agents = new TestAgents(tmp.resolve("agents"))
                .agent("impl", "implementer", body)
                .agent("val", "validator", answer("{\"confidence\": 1.0}"))
                .agent("po", "product-owner", answer("{\"decision\": \"PROCEED\", \"reasoning\": \"fine\"}"));
        Path workdir = Files.createDirectories(tmp.resolve("work"));
        LoopSettings s = LoopHarness.settings(
                "work", 1, Collections.nCopies(6, "impl"), List.of("val"), "po", List.of(), workdir);
        LoopSettings twoAtOnce = new LoopSettings(
                s.task(),
                s.mode(),
                s.gateThreshold(),
                s.consensusThreshold(),
                s.maxIterations(),
                s.quorum(),
                s.loop3(),
                s.loop2(),
                s.productOwner(),
                s.expectedFiles(),
                s.workdir(),
                2);

        try (LoopHarness loop = new LoopHarness(tmp.resolve("home"), agents.dir())) {
            loop.executor.start(twoAtOnce);
        }

        assertThat(agents.calls("impl")).isEqualTo(6);
        int running = 0;
        int most = 0;
        for (String event : Files.readAllLines(events)) {
            running += event.equals("+") ? 1 : -1;
            most = Math.max(most, running);
        }
        assertThat(most).isEqualTo(2);
    }
}
