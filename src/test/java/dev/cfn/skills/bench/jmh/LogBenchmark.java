package dev.cfn.skills.bench.jmh;

import dev.cfn.skills.bench.DataShape;
import dev.cfn.store.UsageEvent;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Dual logging: one skill_usage_log row committed, then its line appended to usage.jsonl. */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class LogBenchmark {
    private int next;

    @Benchmark
    public long log(RegistryState registry) {
        int i = next++;
        return registry.fixture
                .usageLog()
                .log(new UsageEvent(
                        "jmh-agent-" + (i & 7),
                        DataShape.agentType(i % DataShape.ISSUE.agentTypes()),
                        DataShape.skillName(i % DataShape.ISSUE.skills()),
                        null,
                        "task-" + i,
                        "loop3",
                        0,
                        1500L,
                        0.7,
                        0.85));
    }
}
