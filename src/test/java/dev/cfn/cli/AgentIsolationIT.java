package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.store.PgSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an agent can learn or change about cfn, on a real {@code cfn loop run} child process: its
 * environment is an allowlist (cfn's own holds an API token, a database URL with its password and
 * provider keys, none of which an agent sees unless its definition asks for it by name), and the
 * agent definitions are read once when the run starts (an agent that rewrites {@code .claude/agents}
 * mid-run changes neither its own nor a later agent's definition).
 */
class AgentIsolationIT {
    private static final List<String> SECRETS =
            List.of("CFN_API_TOKEN", "CFN_DB_URL", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "AWS_SECRET_ACCESS_KEY");

    @TempDir
    Path tmp;

    @Test
    void an_agent_sees_none_of_cfns_secrets_only_the_allowlist_and_what_its_definition_names() throws Exception {
        Path agents = Files.createDirectories(tmp.resolve("agents"));
        agent(
                agents,
                "impl",
                "implementer",
                "env: [GITHUB_TOKEN]",
                "env > '" + tmp.resolve("env-impl.txt") + "'\n" + "echo '{\"confidence\": 0.95}'");
        agent(
                agents,
                "val",
                "validator",
                "warm: true\nenv:\n  GREETING: hello",
                "env > '"
                        + tmp.resolve("env-val.txt") + "'\n"
                        + "while read task; do echo '{\"confidence\": 1.0}'; done");
        agent(
                agents,
                "po",
                "product-owner",
                "",
                "env > '" + tmp.resolve("env-po.txt") + "'\n"
                        + "echo '{\"decision\": \"PROCEED\", \"reasoning\": \"fine\"}'");
        Files.createDirectories(tmp.resolve("work"));

        try (PgSchema schema = PgSchema.create("cfn_agent_env")) {
            // trust auth on the test server: the password is carried, not checked
            Map<String, String> env = Map.of(
                    "CFN_DB_URL", schema.url().url() + "&password=s3cret-db-password",
                    "CFN_API_TOKEN", "s3cret-api-token",
                    "OPENAI_API_KEY", "sk-s3cret-openai",
                    "ANTHROPIC_API_KEY", "sk-ant-s3cret",
                    "AWS_SECRET_ACCESS_KEY", "s3cret-aws",
                    "GITHUB_TOKEN", "ghp_passed-through",
                    "LC_ALL", "C.UTF-8");
            var run = CfnProcess.start(
                            tmp.resolve("logs"),
                            env,
                            "--home",
                            tmp.resolve("home").toString(),
                            "loop",
                            "run",
                            "dump the environment",
                            "--mode",
                            "mvp",
                            "--workdir",
                            tmp.resolve("work").toString(),
                            "--agents-dir",
                            agents.toString(),
                            "--allow-unchanged",
                            "--loop3",
                            "impl",
                            "--loop2",
                            "val",
                            "--product-owner",
                            "po")
                    .await();
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(schema.count("SELECT count(*) FROM loop_runs"))
                    .as("cfn itself used the database URL with the password")
                    .isEqualTo(1);
        }

        for (String name : List.of("impl", "val", "po")) {
            String dump = Files.readString(tmp.resolve("env-" + name + ".txt"));
            List<String> names = dump.lines()
                    .filter(l -> l.contains("="))
                    .map(l -> l.substring(0, l.indexOf('=')))
                    .toList();
            assertThat(names).as(name).doesNotContainAnyElementsOf(SECRETS).contains("PATH", "LC_ALL");
            assertThat(dump).as(name).doesNotContain("s3cret");
        }
        assertThat(Files.readString(tmp.resolve("env-impl.txt")))
                .contains("GITHUB_TOKEN=ghp_passed-through")
                .contains("CFN_AGENT_ID=impl-1-1")
                .doesNotContain("GREETING");
        assertThat(Files.readString(tmp.resolve("env-val.txt")))
                .contains("GREETING=hello")
                .contains("CFN_WARM=1")
                .doesNotContain("GITHUB_TOKEN");
        assertThat(Files.readString(tmp.resolve("env-po.txt")))
                .doesNotContain("GITHUB_TOKEN")
                .doesNotContain("GREETING");
    }

    @Test
    void an_agent_that_rewrites_the_agents_folder_changes_no_definition_within_the_run() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path agents = Files.createDirectories(work.resolve(".claude/agents")); // the default: agents can write here
        Path evilRan = tmp.resolve("evil-ran");
        Path calls = tmp.resolve("impl-calls");
        // Iteration 1: points its own definition and the validator's at a script of its making, then
        // fails the gate so that the loop iterates; iteration 2 passes.
        agent(
                agents,
                "impl",
                "implementer",
                "",
                "echo run >> '" + calls + "'\n"
                        + "if [ ! -f '" + tmp.resolve("rewritten") + "' ]; then\n"
                        + "  touch '" + tmp.resolve("rewritten") + "'\n"
                        + "  printf '#!/bin/sh\\ntouch \"" + evilRan + "\"\\necho \"{\\\\\"confidence\\\\\": 1.0}\"\\n'"
                        + " > .claude/agents/evil.sh && chmod +x .claude/agents/evil.sh\n"
                        + "  sed -i 's|command: ./val.sh|command: ./evil.sh|' .claude/agents/val.md\n"
                        + "  sed -i 's|command: ./impl.sh|command: ./evil.sh|' .claude/agents/impl.md\n"
                        + "  echo '{\"confidence\": 0.4}'\n"
                        + "else\n"
                        + "  echo '{\"confidence\": 0.95}'\n"
                        + "fi");
        agent(agents, "val", "validator", "", "echo '{\"confidence\": 1.0}'");
        agent(agents, "po", "product-owner", "", "echo '{\"decision\": \"PROCEED\", \"reasoning\": \"fine\"}'");

        var run = loopRun(work, 3);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readString(agents.resolve("val.md")))
                .as("the rewrite happened")
                .contains("./evil.sh");
        assertThat(Files.readAllLines(calls))
                .as("impl ran again from its original definition")
                .hasSize(2);
        assertThat(evilRan).as("no definition was read again within the run").doesNotExist();

        var next = loopRun(work, 1);
        assertThat(next.exit()).as(next.err()).isZero();
        assertThat(evilRan)
                .as("the next run reads the folder anew (so the test above could fail)")
                .exists();
    }

    private CfnProcess.Result loopRun(Path work, int maxIterations) throws Exception {
        return CfnProcess.start(
                        tmp.resolve("logs"),
                        Map.of(),
                        "--home",
                        tmp.resolve("home").toString(),
                        "loop",
                        "run",
                        "rewrite the agents",
                        "--mode",
                        "mvp",
                        "--max-iterations",
                        Integer.toString(maxIterations),
                        "--workdir",
                        work.toString(),
                        "--allow-unchanged",
                        "--loop3",
                        "impl",
                        "--loop2",
                        "val",
                        "--product-owner",
                        "po")
                .await();
    }

    /** {@code <name>.md} running {@code ./<name>.sh}, whose body is {@code script}; {@code keys}: more front matter. */
    private static void agent(Path dir, String name, String role, String keys, String script) throws IOException {
        Path file = dir.resolve(name + ".sh");
        Files.writeString(file, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(
                dir.resolve(name + ".md"),
                "---\nname: " + name + "\ndescription: test agent " + name + "\nrole: " + role + "\ncommand: ./" + name
                        + ".sh\ntimeout: 20s\n" + (keys.isEmpty() ? "" : keys + "\n")
                        + "---\nDo what the script says.\n");
    }
}
