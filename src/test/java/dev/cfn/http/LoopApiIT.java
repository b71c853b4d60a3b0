package dev.cfn.http;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cfn.agents.llm.FakeMessagesApi;
import dev.cfn.loop.TestAgents;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loops through the API of a real {@code cfn serve --max-loops 1}: a run starts at once (202),
 * runs in the server over instant test agents, is stored like a CLI run, and streams its events
 * (live, and as history to a late client); bad requests are 400 naming the field, a second loop
 * while one runs is 503, unknown runs 404.
 */
class LoopApiIT {
    @TempDir
    static Path tmp;

    static ServeProcess server;
    static Http http;
    static TestAgents agents;
    static FakeMessagesApi api;

    @BeforeAll
    static void start() throws Exception {
        ServeProcess.seed(tmp.resolve("home"));
        api = new FakeMessagesApi(); // 321 input and 45 output tokens a call
        server = ServeProcess.start(
                tmp.resolve("home"),
                Map.of("ANTHROPIC_API_KEY", "sk-ant-api03-test", "ANTHROPIC_BASE_URL", api.baseUrl()),
                "--max-loops",
                "1");
        http = server.http();
        agents = new TestAgents(tmp.resolve("agents"));
        agents.agent("impl", "implementer", answer("{\"confidence\": 0.95}"));
        agents.agent("val", "validator", answer("{\"confidence\": 1.0}"));
        agents.agent("po", "product-owner", answer("{\"decision\": \"PROCEED\", \"reasoning\": \"fine\"}"));
        // waits for a file the test creates: holds the only loop slot as long as the test needs
        agents.agent(
                "held",
                "implementer",
                "until [ -f '" + tmp.resolve("release") + "' ]; do sleep 0.05; done; "
                        + answer("{\"confidence\": 0.95}"));
        // runs until it is ended, its pid and its child's recorded
        agents.agent(
                "stuck",
                "implementer",
                "120s",
                "sleep 300 & echo \"$$ $!\" > '" + tmp.resolve("stuck.pids") + "'; wait; "
                        + answer("{\"confidence\": 0.95}"));
        Files.writeString(
                agents.dir().resolve("llm.md"),
                "---\nname: llm\ndescription: an LLM implementer\nrole: implementer\nruntime: anthropic\n"
                        + "model: sonnet\ntimeout: 60s\n---\nWrite it.\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        api.close();
    }

    static Map<String, Object> body(List<String> loop3) throws Exception {
        Path workdir = Files.createTempDirectory(tmp, "work");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", "say hello");
        m.put("mode", "mvp");
        m.put("workdir", workdir.toString());
        m.put("agents_dir", agents.dir().toString());
        m.put("loop3", loop3);
        m.put("allow_unchanged", true); // its implementers only answer
        m.put("loop2", List.of("val"));
        m.put("product_owner", "po");
        return m;
    }

    /** The event names of a run's stream, read to its end. */
    static List<String> events(String runId) throws Exception {
        var request = http.request("/api/loops/" + runId + "/events")
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<java.util.stream.Stream<String>> r =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body()
                .filter(l -> l.startsWith("event: "))
                .map(l -> l.substring(7))
                .toList();
    }

    @Test
    void a_loop_started_over_http_runs_in_the_server_streams_its_events_and_is_stored() throws Exception {
        var started = http.post("/api/loops", Http.json(body(List.of("impl"))));
        assertThat(started.status()).isEqualTo(202);
        String runId = started.json().get("run_id").asText();

        List<String> live = events(runId); // follows the run until run-finished
        assertThat(live)
                .containsSubsequence(
                        "run-started",
                        "iteration-started",
                        "agent-result",
                        "gate",
                        "agent-result",
                        "consensus",
                        "decision",
                        "iteration-finished",
                        "run-finished");
        assertThat(events(runId)).as("a late client gets the same history").isEqualTo(live);

        var shown = http.get("/api/loops/" + runId);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("status").asText()).isEqualTo("success");
        assertThat(shown.json().get("final_decision").asText()).isEqualTo("PROCEED");
        assertThat(shown.json().get("agents")).hasSize(3);
        assertThat(http.get("/api/loops?limit=5").body()).contains(runId);
    }

    @Test
    void a_run_the_cli_drove_streams_its_stored_history_and_ends() throws Exception {
        Path workdir = Files.createTempDirectory(tmp, "cli");
        int exit = ServeProcess.run(
                tmp.resolve("home"),
                Map.of(),
                "loop",
                "run",
                "from the cli",
                "--workdir",
                workdir.toString(),
                "--agents-dir",
                agents.dir().toString(),
                "--allow-unchanged",
                "--loop3",
                "impl",
                "--loop2",
                "val",
                "--product-owner",
                "po");
        assertThat(exit).isZero();
        var runs = http.get("/api/loops?limit=10000").json();
        String runId = null;
        for (var r : runs) {
            if ("from the cli".equals(r.get("task").asText())) {
                runId = r.get("run_id").asText();
            }
        }
        assertThat(runId).isNotNull();
        assertThat(events(runId))
                .as("the CLI's run told from its stored events, as the server tells its own")
                .containsExactly(
                        "run-started",
                        "iteration-started",
                        "phase-started",
                        "agent-started",
                        "agent-result",
                        "gate",
                        "phase-started",
                        "agent-started",
                        "agent-result",
                        "consensus",
                        "phase-started",
                        "agent-started",
                        "agent-result",
                        "decision",
                        "iteration-finished",
                        "run-finished");
    }

    @Test
    void bad_loop_requests_are_400_naming_the_field() throws Exception {
        Map<String, Object> noTask = body(List.of("impl"));
        noTask.remove("task");
        assertThat(http.post("/api/loops", Http.json(noTask)).error()).isEqualTo("field 'task' is required");

        Map<String, Object> gate = body(List.of("impl"));
        gate.put("gate", 2);
        var badGate = http.post("/api/loops", Http.json(gate));
        assertThat(badGate.status()).isEqualTo(400);
        assertThat(badGate.error()).isEqualTo("--gate must be above 0 and at most 1, but was 2.0");

        Map<String, Object> loop3 = body(List.of("impl"));
        loop3.put("loop3", "impl");
        assertThat(http.post("/api/loops", Http.json(loop3)).error())
                .isEqualTo("field 'loop3' must be an array of strings, but was \"impl\"");

        Map<String, Object> mode = body(List.of("impl"));
        mode.put("mode", "yolo");
        assertThat(http.post("/api/loops", Http.json(mode)).error())
                .contains("--mode")
                .contains("yolo");

        Map<String, Object> nowhere = body(List.of("impl"));
        nowhere.put("workdir", tmp.resolve("missing").toString());
        assertThat(http.post("/api/loops", Http.json(nowhere)).status()).isEqualTo(400);

        Map<String, Object> ghost = body(List.of("ghost"));
        assertThat(http.post("/api/loops", Http.json(ghost)).status()).isIn(400, 404);

        Map<String, Object> reflect = body(List.of("impl"));
        reflect.put("reflect", "nobody");
        var badReflector = http.post("/api/loops", Http.json(reflect));
        assertThat(badReflector.status()).isEqualTo(400);
        assertThat(badReflector.error())
                .isEqualTo("--reflect names agent 'nobody', which is not defined (see 'cfn agent list')");
        Map<String, Object> isolated = body(List.of("impl"));
        isolated.put("isolation", "worktree");
        var notGit = http.post("/api/loops", Http.json(isolated));
        assertThat(notGit.status()).isEqualTo(400);
        assertThat(notGit.error())
                .isEqualTo("--isolation worktree needs a git repository, but --workdir " + isolated.get("workdir")
                        + " is not one");
    }

    @Test
    void criteria_and_keywords_of_a_request_reach_the_agents_and_are_shown() throws Exception {
        Map<String, Object> body = body(List.of("impl"));
        body.put("criteria", List.of("says hello", "in English"));
        body.put("keywords", List.of("greeting"));
        var started = http.post("/api/loops", Http.json(body));
        assertThat(started.status()).isEqualTo(202);
        String runId = started.json().get("run_id").asText();
        events(runId); // to its end

        var shown = http.get("/api/loops/" + runId).json();
        assertThat(shown.get("criteria").toString()).isEqualTo("[\"says hello\",\"in English\"]");
        assertThat(shown.get("settings").get("judging").get("keywords").toString())
                .isEqualTo("[\"greeting\"]");
        assertThat(shown.get("agents").get(0).get("skills")).isNotNull();
        assertThat(agents.stdin("impl-1-1").get("acceptance_criteria").toString())
                .isEqualTo("[\"says hello\",\"in English\"]");

        Map<String, Object> bad = body(List.of("impl"));
        bad.put("criteria", List.of(" "));
        assertThat(http.post("/api/loops", Http.json(bad)).error()).isEqualTo("--criteria must not be empty");
        bad.put("criteria", "one");
        assertThat(http.post("/api/loops", Http.json(bad)).error())
                .isEqualTo("field 'criteria' must be an array of strings, but was \"one\"");
    }

    @Test
    void unknown_runs_are_404_and_events_need_the_event_stream_type() throws Exception {
        assertThat(http.get("/api/loops/run-nope").status()).isEqualTo(404);
        var events = http.send(http.request("/api/loops/run-nope/events")
                .header("Accept", "text/event-stream")
                .GET());
        assertThat(events.status()).isEqualTo(404);
        assertThat(http.get("/api/loops/run-nope/events").status()).isEqualTo(406);
        assertThat(http.get("/api/loops?limit=0").error())
                .isEqualTo("query parameter 'limit' must be 1 to 10000, but was 0");
    }

    @Test
    void a_second_loop_while_the_only_slot_is_taken_is_503_and_nothing_is_stored() throws Exception {
        var held = http.post("/api/loops", Http.json(body(List.of("held"))));
        assertThat(held.status()).isEqualTo(202);
        int before = http.get("/api/loops?limit=10000").json().size();

        var refused = http.post("/api/loops", Http.json(body(List.of("impl"))));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.error()).isEqualTo("1 loops are already running in this server: retry later");
        assertThat(http.get("/api/loops?limit=10000").json().size()).isEqualTo(before);

        Files.writeString(tmp.resolve("release"), "go");
        String runId = held.json().get("run_id").asText();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "success"
                        .equals(http.get("/api/loops/" + runId)
                                .json()
                                .get("status")
                                .asText()));
        String[] next = new String[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var r = http.post("/api/loops", Http.json(body(List.of("impl"))));
            next[0] = r.status() == 202 ? r.json().get("run_id").asText() : null;
            return next[0] != null;
        });
        assertThat(events(next[0])).as("the freed slot runs the next loop").endsWith("run-finished");
    }

    @Test
    void a_running_loop_is_cancelled_over_http_and_its_agents_are_ended() throws Exception {
        Path pids = tmp.resolve("stuck.pids");
        var started = http.post("/api/loops", Http.json(body(List.of("stuck"))));
        String runId = started.json().get("run_id").asText();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(pids) && Files.readString(pids).contains(" "));
        List<ProcessHandle> stuck = java.util.Arrays.stream(
                        Files.readString(pids).strip().split(" "))
                .map(p -> ProcessHandle.of(Long.parseLong(p)).orElseThrow())
                .toList();
        String cancelPath = "/api/loops/" + runId + "/cancel";

        var plain = http.send(http.request(cancelPath)
                .setHeader("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("")));
        assertThat(plain.status()).as("a CORS-simple request reaches no route").isEqualTo(415);
        var cancelled = http.post(cancelPath, "");

        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("stopping");
        assertThat(cancelled.json().get("reason").asText()).isEqualTo("cancelled by api");
        assertThat(events(runId)).endsWith("run-finished");
        var shown = http.get("/api/loops/" + runId).json();
        assertThat(shown.get("status").asText()).isEqualTo("stopped");
        assertThat(shown.get("exit_reason").asText()).isEqualTo("cancelled by api");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(stuck).noneMatch(ProcessHandle::isAlive));
        var again = http.post(cancelPath, "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error())
                .isEqualTo("run '" + runId + "' is not running (stopped: cancelled by api): nothing to cancel");
        assertThat(http.post("/api/loops/run-nope/cancel", "{}").status()).isEqualTo(404);
        assertThat(http.post(cancelPath, "{\"why\": 1}").status()).isEqualTo(400);
    }

    @Test
    void an_llm_runs_costs_are_summed_in_the_run_its_iterations_its_agents_and_the_list() throws Exception {
        var started = http.post("/api/loops", Http.json(body(List.of("llm"))));
        String runId = started.json().get("run_id").asText();
        assertThat(events(runId)).endsWith("run-finished");

        var shown = http.get("/api/loops/" + runId).json();
        double call = (321 * 3 + 45 * 15) / 1e6; // sonnet: $3 and $15 per million input and output tokens
        assertThat(shown.get("status").asText()).isEqualTo("success");
        assertThat(shown.get("cost_usd").asDouble()).isEqualTo(call);
        assertThat(shown.get("tokens").asLong()).isEqualTo(366);
        assertThat(shown.get("usage").get("output_tokens").asLong()).isEqualTo(45);
        assertThat(shown.get("per_iteration").get(0).get("cost_usd").asDouble()).isEqualTo(call);
        assertThat(shown.get("agents"))
                .filteredOn(a -> a.get("agent_id").asText().equals("llm-1-1"))
                .singleElement()
                .satisfies(a -> assertThat(a.get("cost_usd").asDouble()).isEqualTo(call));
        assertThat(http.get("/api/loops?limit=10000").json())
                .filteredOn(r -> r.get("run_id").asText().equals(runId))
                .singleElement()
                .satisfies(r -> assertThat(r.get("cost_usd").asDouble()).isEqualTo(call));
    }

    @Test
    void a_budget_in_the_loop_request_stops_the_run_and_bad_ones_are_400() throws Exception {
        Map<String, Object> limited = body(List.of("llm"));
        limited.put("max_cost_usd", 0.001);
        limited.put("max_duration", "10m");
        String runId =
                http.post("/api/loops", Http.json(limited)).json().get("run_id").asText();
        assertThat(events(runId)).endsWith("run-finished");

        var shown = http.get("/api/loops/" + runId).json();
        assertThat(shown.get("status").asText()).isEqualTo("stopped");
        assertThat(shown.get("exit_reason").asText()).isEqualTo("budget: cost $0.0016 exceeded $0.001");
        assertThat(shown.get("budget").get("max_cost_usd").asDouble()).isEqualTo(0.001);
        assertThat(shown.get("budget").get("max_duration").asText()).isEqualTo("10m");

        Map<String, Object> bad = body(List.of("llm"));
        bad.put("max_tokens", "many");
        assertThat(http.post("/api/loops", Http.json(bad)).error())
                .isEqualTo("field 'max_tokens' must be an integer, but was \"many\"");
        bad.put("max_tokens", 0);
        assertThat(http.post("/api/loops", Http.json(bad)).error())
                .isEqualTo("--max-tokens must be at least 1, but was 0");
    }
}
