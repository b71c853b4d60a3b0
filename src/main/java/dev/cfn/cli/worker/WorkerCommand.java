package dev.cfn.cli.worker;

import dev.cfn.InvalidInputException;
import dev.cfn.agents.spawn.AgentSpawner;
import dev.cfn.agents.spawn.SpawnerSettings;
import dev.cfn.cli.CfnSubcommand;
import dev.cfn.cli.CommaList;
import dev.cfn.cli.coord.DurationConverter;
import dev.cfn.coord.RedisStreamWorkQueue;
import dev.cfn.redis.KeyScheme;
import dev.cfn.worker.QueueWorker;
import dev.cfn.worker.WorkerSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "worker",
        description = {
            "Run agents for distributed loops ('cfn loop run --distributed') from the Redis queue.",
            "",
            "Takes agent tasks from a Redis Stream consumer group, runs them with this machine's"
                    + " runtimes, returns each result through the coordinator, then XACKs it. An entry held by a"
                    + " worker that died is taken over after its --lease; a result is stored once per"
                    + " run:iteration:agent, so a redelivered task is never counted twice. The heartbeat shows"
                    + " in 'cfn coord stats'.",
            "",
            "SIGTERM or Ctrl-C: no new work, running agents get --drain to finish (the rest are given"
                    + " back), the heartbeat is removed, exit 0.",
            "",
            "Workers need the orchestrator's paths (workdir, agent definitions): a shared filesystem."
        },
        footer = {"", "Example: cfn worker --redis redis://127.0.0.1:6379 --concurrency 4 --types coder,tester"},
        subcommands = {WorkerBenchCommand.class})
public final class WorkerCommand extends CfnSubcommand {
    @Option(names = "--concurrency", defaultValue = "4", paramLabel = "N", description = "Agents run at once.")
    int concurrency;

    @Option(names = "--types", paramLabel = "a,b", description = "Agent types served (default: every type).")
    String types;

    @Option(
            names = "--queue",
            defaultValue = "default",
            paramLabel = "NAME",
            description = "The queue served (as given to 'cfn loop run --queue').")
    String queue;

    @Option(
            names = "--lease",
            defaultValue = "30s",
            converter = DurationConverter.class,
            paramLabel = "D",
            description = "Heartbeat TTL; a held task whose lease is not renewed for this long is taken over.")
    Duration lease;

    @Option(
            names = "--drain",
            defaultValue = "30s",
            converter = DurationConverter.class,
            paramLabel = "D",
            description = "On SIGTERM, how long running agents may take to finish before they are given back.")
    Duration drain;

    @Option(names = "--id", paramLabel = "ID", description = "Worker id (default <host>-<pid>).")
    String id;

    @Override
    protected void execute() {
        WorkerSettings settings = settings();
        String url = ctx().settings()
                .redisUrl()
                .orElseThrow(() -> new InvalidInputException(
                        "cfn worker needs --redis URL (or env CFN_REDIS_URL): the work queue lives on Redis"));
        try (RedisStreamWorkQueue work = RedisStreamWorkQueue.create(url, queue);
                AgentSpawner spawner = AgentSpawner.create(
                        SpawnerSettings.defaults()
                                .withMaxParallel(concurrency)
                                .withEnv(ctx().agentEnv())
                                .withPrices(ctx().prices()),
                        request -> ctx().loader().load(request))) {
            QueueWorker worker = new QueueWorker(
                    work, ctx().coordinator(), spawner::run, settings, ctx().clock(), new WorkerLines(out()));
            ctx().stopSignal().onStop(worker::stop);
            if (!out().json()) {
                out().err()
                        .println("cfn worker " + settings.id() + ": serving queue '" + queue + "' on "
                                + ctx().coordinator().describe() + " (" + concurrency + " at once, types: "
                                + (settings.types().isEmpty() ? "all" : String.join(",", settings.types())) + ")");
                out().err().flush();
            }
            worker.run();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("worker", settings.id());
            doc.put("queue", queue);
            doc.put("done", worker.done());
            out().print(
                            doc,
                            () -> out().line("worker " + settings.id() + " stopped after " + worker.done() + " tasks"));
        }
    }

    private WorkerSettings settings() {
        if (concurrency < 1) {
            throw new InvalidInputException("--concurrency must be at least 1, but was " + concurrency);
        }
        if (lease.compareTo(WorkerSettings.MIN_LEASE) < 0) {
            throw new InvalidInputException("--lease must be at least " + WorkerSettings.MIN_LEASE.toMillis()
                    + "ms, but was " + DurationConverter.format(lease));
        }
        KeyScheme.requireName("--queue", queue);
        List<String> served = types == null ? List.of() : CommaList.split(types);
        served.forEach(t -> KeyScheme.requireName("--types entry", t));
        String workerId = id != null ? KeyScheme.requireName("--id", id) : defaultId();
        return new WorkerSettings(
                workerId,
                host(),
                concurrency,
                served,
                lease,
                drain,
                ctx().settings().logDir());
    }

    private static String defaultId() {
        String host = host().replaceAll("[^a-zA-Z0-9_.-]", "-");
        String id = host + "-" + ProcessHandle.current().pid();
        return id.length() <= 64 ? id : id.substring(id.length() - 64);
    }

    static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
