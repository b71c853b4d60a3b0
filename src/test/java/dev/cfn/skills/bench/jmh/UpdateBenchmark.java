package dev.cfn.skills.bench.jmh;

import dev.cfn.skills.SkillRegistry;
import dev.cfn.skills.SkillVersion;
import dev.cfn.skills.bench.BenchData;
import dev.cfn.skills.bench.DataShape;
import dev.cfn.skills.bench.SkillText;
import dev.cfn.skills.file.ApprovalLevel;
import dev.cfn.skills.file.ChangeType;
import dev.cfn.skills.file.SkillFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
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

/**
 * The seed's slowest operation: parse a new SKILL.md, then new version + approval + re-deploy in
 * one transaction (the bytes are generated in memory, so no file I/O is measured).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class UpdateBenchmark {
    private final List<Integer> autoSkills = new ArrayList<>();
    private int[] patch;
    private int next;

    @Setup(Level.Trial)
    public void skills() {
        for (int i = 0; i < DataShape.ISSUE.skills(); i++) {
            if (BenchData.category(i).approvalLevel() == ApprovalLevel.AUTO) {
                autoSkills.add(i);
            }
        }
        patch = new int[DataShape.ISSUE.skills()];
    }

    @Benchmark
    public SkillVersion update(RegistryState registry) {
        int skill = autoSkills.get(next++ % autoSkills.size());
        String name = DataShape.skillName(skill);
        byte[] bytes = SkillText.of(name, "1.0." + ++patch[skill], BenchData.category(skill), next)
                .getBytes(StandardCharsets.UTF_8);
        SkillRegistry skills = registry.fixture.registry();
        SkillFile file = skills.parser().parse(Path.of(name, "SKILL.md"), bytes, name);
        return skills.update(name, file, ChangeType.PATCH, null);
    }
}
