package dev.cfn.cli.loop;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.loop.TestAgents;
import dev.cfn.testing.Cfn;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cfn loop run --reflect} through the real jar: a python reflector proposes a skill after
 * the PROCEED; {@code loop show} says what was proposed, {@code skill pending} where it came from,
 * and an undefined reflector is refused before anything runs.
 */
class LoopReflectCliIT {
    @TempDir
    Path tmp;

    @Test
    void a_reflected_skill_is_pending_with_its_run_and_loop_show_says_so() throws Exception {
        Cfn cfn = new Cfn(tmp.resolve("home"), tmp.resolve("scratch"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        TestAgents agents = new TestAgents(tmp.resolve("agents"))
                .agent("impl", "implementer", answer("{\"confidence\": 0.9}"))
                .agent(
                        "learner",
                        "reflector",
                        "python3 -c 'import json; print(json.dumps({\"confidence\": 1, \"skills\": [\"---\\nname:"
                                + " check-inputs\\ndescription: Learned.\\nversion: 1.0.0\\ncategory: foundation\\n---\\n"
                                + "Check inputs.\\n\"]}))'");
        String[] run = {
            "loop",
            "run",
            "t",
            "--workdir",
            work.toString(),
            "--agents-dir",
            agents.dir().toString(),
            "--loop3",
            "impl",
            "--allow-unchanged"
        };

        assertThat(cfn.run(concat(run, "--reflect", "ghost")).fails(2))
                .isEqualTo("cfn: --reflect names agent 'ghost', which is not defined (see 'cfn agent list')");
        String runId = cfn.run(concat(run, "--reflect", "learner", "--json"))
                .ok()
                .json()
                .get("run_id")
                .asText();

        assertThat(cfn.run("loop", "show", runId).ok().stdout())
                .contains("reflection by learner: done")
                .contains("proposed check-inputs 1.0.0 (pending approval: cfn skill pending)");
        assertThat(cfn.run("skill", "pending").ok().stdout())
                .contains("check-inputs")
                .contains("reflection (run " + runId + ")");
        assertThat(cfn.run("--json", "loop", "show", runId)
                        .ok()
                        .json()
                        .get("reflection")
                        .get("state")
                        .asText())
                .isEqualTo("done");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
