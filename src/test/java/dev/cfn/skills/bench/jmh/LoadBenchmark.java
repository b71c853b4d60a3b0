package dev.cfn.skills.bench.jmh;

import dev.cfn.skills.LoadRequest;
import dev.cfn.skills.LoadedSkill;
import dev.cfn.skills.bench.DataShape;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Loading an agent type's skills: from the loader's cache, and cold (the query and its rows). */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class LoadBenchmark {
    private static final int CACHED_TYPES = 50;

    private LoadRequest[] requests;
    private int next;

    @Setup(Level.Trial)
    public void requests(RegistryState registry) {
        requests = new LoadRequest[DataShape.ISSUE.agentTypes()];
        for (int a = 0; a < requests.length; a++) {
            requests[a] = LoadRequest.of(DataShape.agentType(a));
        }
        for (int a = 0; a < CACHED_TYPES; a++) {
            registry.fixture.loader().load(requests[a]);
        }
    }

    @Benchmark
    public List<LoadedSkill> cached(RegistryState registry) {
        next = next + 1 == CACHED_TYPES ? 0 : next + 1;
        return registry.fixture.loader().load(requests[next]);
    }

    @Benchmark
    public List<LoadedSkill> cold(RegistryState registry) {
        next = next + 1 == requests.length ? 0 : next + 1;
        return registry.fixture.loader().loadUncached(requests[next]);
    }
}
