package dev.cfn.loadtest;

import dev.cfn.CfnException;
import dev.cfn.RetriableException;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.spawn.AgentSpawner;
import dev.cfn.agents.spawn.SpawnerSettings;
import dev.cfn.coord.Coordinator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The seed's load test done for real: {@link LoadPlan#agents()} agents kept busy for {@link
 * LoadPlan#duration()}, each in a loop of rounds (spawn through the real {@link AgentSpawner}, the
 * answer signalled through the real {@link Coordinator}, the orchestrator's wait on it), sampled
 * every second. At the end every agent process is gone (the spawner's marker sweep) and the run's
 * coordination keys are removed. One use per instance; {@link #stop()} may be called from any thread.
 */
public final class LoadTest {
    /** What every agent slot of one run shares. */
    record Context(
            LoadPlan plan,
            String task,
            AgentSpawner spawner,
            Coordinator coordinator,
            LoadMeter meter,
            AtomicBoolean stopping,
            ExecutorService agentThreads,
            Path workdir,
            Map<String, String> env) {}

    private final LoadPlan plan;
    private final Coordinator coordinator;
    private final Map<String, String> agentEnv;
    private final Consumer<Sample> onSample;
    private final String task;
    private final LoadMeter meter = new LoadMeter();
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    private LoadTest(LoadPlan plan, Coordinator coordinator, Map<String, String> agentEnv, Consumer<Sample> onSample) {
        this.plan = plan;
        this.coordinator = coordinator;
        this.agentEnv = Map.copyOf(agentEnv);
        this.onSample = onSample;
        this.task = "loadtest-" + ProcessHandle.current().pid() + "-" + Long.toString(System.currentTimeMillis(), 36);
    }

    /**
     * A load test of {@code plan} on {@code coordinator} (not closed here).
     *
     * @param agentEnv extra environment of every agent (e.g. {@code CFN_REDIS_URL})
     * @param onSample called on the running thread with each second's sample
     */
    public static LoadTest create(
            LoadPlan plan, Coordinator coordinator, Map<String, String> agentEnv, Consumer<Sample> onSample) {
        return new LoadTest(plan, coordinator, agentEnv, onSample);
    }

    /** The coordination task id under which this run's keys live. */
    public String task() {
        return task;
    }

    /** Ends the run early: no new rounds; rounds failing from now on count as cut short. */
    public void stop() {
        meter.interrupt();
        stopRequested.countDown();
    }

    /**
     * Runs the test on the calling thread, blocking for the duration plus the end of the rounds in
     * flight, then removes the run's keys and files.
     *
     * @throws RetriableException when the agent cannot be started at all (warm pool start-up)
     */
    public LoadReport run() throws IOException {
        Path workdir = Files.createTempDirectory("cfn-loadtest-");
        List<Sample> samples = new ArrayList<>();
        long elapsedNanos;
        long peakHeap;
        try {
            SpawnerSettings settings = SpawnerSettings.defaults().withWarmPerType(plan.agents());
            try (AgentSpawner spawner = AgentSpawner.create(settings);
                    ExecutorService agentThreads = virtualThreads("cfn-loadtest-agent-");
                    ExecutorService slots = virtualThreads("cfn-loadtest-slot-")) {
                AtomicBoolean stopping = new AtomicBoolean();
                Context context =
                        new Context(plan, task, spawner, coordinator, meter, stopping, agentThreads, workdir, agentEnv);
                warmUp(context);
                long start = System.nanoTime();
                Sampler sampler = new Sampler(meter, start);
                try {
                    for (int instance = 1; instance <= plan.agents(); instance++) {
                        slots.submit(new AgentSlot(context, instance));
                    }
                    sampleUntilTheEnd(sampler, start, samples);
                } finally {
                    stopping.set(true);
                }
                slots.close(); // the rounds in flight finish
                elapsedNanos = System.nanoTime() - start;
                peakHeap = sampler.peakHeap();
            }
        } finally {
            deleteTree(workdir);
        }
        return new LoadReport(
                task,
                coordinator.describe(),
                plan.runtime(),
                plan.agent().name(),
                plan.agents(),
                plan.duration().toSeconds(),
                samples,
                summary(elapsedNanos, peakHeap, cleanup()));
    }

    /** The warm pool starts its processes on first use: once here, before the clock starts. */
    private void warmUp(Context context) {
        if (!plan.agent().warm()) {
            return;
        }
        AgentResult result =
                context.spawner().run(AgentSlot.invocation(context, plan.agent().name() + "-0-0", 0));
        if (result.status() != AgentResult.Status.SUCCESS) {
            throw new RetriableException(
                    "the warm agent " + plan.agent().name() + " did not answer: " + result.confidenceReason());
        }
    }

    private void sampleUntilTheEnd(Sampler sampler, long start, List<Sample> samples) {
        long seconds = plan.duration().toSeconds();
        for (long s = 1; s <= seconds; s++) {
            boolean stopped;
            try {
                stopped = stopRequested.await(start + s * 1_000_000_000L - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                stopped = true;
            }
            Sample sample = sampler.next();
            samples.add(sample);
            onSample.accept(sample);
            if (stopped) {
                return;
            }
        }
    }

    private long cleanup() {
        try {
            return coordinator.cleanup(task);
        } catch (CfnException e) {
            return -1;
        }
    }

    private LoadSummary summary(long elapsedNanos, long peakHeap, long keysRemoved) {
        double seconds = Math.max(1e-9, elapsedNanos / 1e9);
        return new LoadSummary(
                Sampler.round(seconds),
                meter.spawns(),
                meter.rounds(),
                meter.failures(),
                meter.cutShort(),
                Sampler.round(meter.spawns() / seconds),
                Sampler.round(meter.coordOps() / seconds),
                meter.spawnMs(50),
                meter.spawnMs(99),
                meter.roundTripMs(50),
                meter.roundTripMs(99),
                meter.peakRunning(),
                peakHeap,
                MemoryGauge.peakRss(),
                keysRemoved,
                meter.interrupted(),
                meter.reasons());
    }

    private static ExecutorService virtualThreads(String prefix) {
        return Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name(prefix, 0).factory());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
