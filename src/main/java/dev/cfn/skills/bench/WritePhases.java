package dev.cfn.skills.bench;

import dev.cfn.bench.Samples;
import dev.cfn.skills.DeployRequest;
import dev.cfn.skills.Mapping;
import dev.cfn.skills.SkillRegistry;
import dev.cfn.skills.file.ApprovalLevel;
import dev.cfn.skills.file.Category;
import dev.cfn.skills.file.ChangeType;
import dev.cfn.skills.file.SkillFile;
import dev.cfn.skills.file.SkillTree;
import dev.cfn.store.UsageEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Dual logging, deployment, update and bulk import, through the registry's public API. */
final class WritePhases {
    static final int IMPORT_SIZE = 1000;

    private final BenchConfig config;
    private final Measure measure;
    private final BenchFixture fixture;
    private final DataShape shape;

    WritePhases(BenchConfig config, Measure measure, BenchFixture fixture, DataShape shape) {
        this.config = config;
        this.measure = measure;
        this.fixture = fixture;
        this.shape = shape;
    }

    /** One usage event: its row committed, then its JSON line appended. */
    BenchRow log() {
        Samples s = measure.time(
                "dual logging",
                config.n(3000, 300),
                config.n(10_000, 1000),
                i -> fixture.usageLog()
                        .log(new UsageEvent(
                                "bench-agent-" + i % 8,
                                DataShape.agentType(i % shape.agentTypes()),
                                DataShape.skillName(i % shape.skills()),
                                null,
                                "task-" + i,
                                "loop3",
                                0,
                                1500L,
                                0.7,
                                0.85)));
        return Operations.LOG.measured(s);
    }

    /** Deploys a skill's approved version to three agent types (mappings created or updated). */
    BenchRow deploy() {
        SkillRegistry registry = fixture.registry();
        Samples s = measure.time(
                "deployment",
                config.n(1000, 200),
                config.n(5000, 500),
                i -> registry.deploy(new DeployRequest(
                        DataShape.skillName(i % shape.skills()),
                        null,
                        List.of(agent(i), agent(i + 1), agent(i + 2)),
                        1 + i % 10,
                        false,
                        Mapping.Conditions.NONE,
                        false)));
        return Operations.DEPLOY.measured(s);
    }

    private String agent(int i) {
        return DataShape.agentType(Math.floorMod(i * 7, shape.agentTypes()));
    }

    /**
     * The full update: read and parse the new SKILL.md, then new version + approval + re-deploy in
     * one transaction. Runs over the skills whose category approves itself. The files are all
     * written before timing starts, each to its own path, as a user's edited file would sit on
     * disk (rewriting one path just before reading it made ext4 start writeback on every close).
     */
    BenchRow update() throws IOException {
        List<Integer> auto = new ArrayList<>();
        for (int i = 0; i < shape.skills(); i++) {
            if (BenchData.category(i).approvalLevel() == ApprovalLevel.AUTO) {
                auto.add(i);
            }
        }
        int warmup = config.n(500, 100);
        int count = config.n(3000, 300);
        List<Path> files = writeUpdates(auto, warmup + count);
        SkillRegistry registry = fixture.registry();
        Samples s = measure.time("update", warmup, count, i -> {
            String name = DataShape.skillName(auto.get(i % auto.size()));
            SkillFile parsed = registry.parser().read(files.get(i), name);
            return registry.update(name, parsed, ChangeType.PATCH, null);
        });
        return Operations.UPDATE.measured(s);
    }

    private List<Path> writeUpdates(List<Integer> skills, int total) throws IOException {
        Path dir = Files.createDirectories(fixture.home().resolve("updates"));
        int[] patch = new int[shape.skills()];
        List<Path> files = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            int skill = skills.get(i % skills.size());
            String name = DataShape.skillName(skill);
            String version = "1.0." + ++patch[skill];
            Path file =
                    Files.createDirectories(dir.resolve(name + "-" + version)).resolve(SkillTree.FILE_NAME);
            Files.writeString(file, SkillText.of(name, version, BenchData.category(skill), i), StandardCharsets.UTF_8);
            files.add(file);
        }
        return files;
    }

    /**
     * {@code cfn skill import}: find 1,000 new SKILL.md files, parse them all, propose them in one
     * transaction. Each run imports new names; writing the files is not timed.
     */
    BenchRow bulkImport() {
        Path root = fixture.home().resolve("imports");
        Path[] dir = new Path[1];
        Measure.Prepare write = run -> dir[0] = writeImportTree(root.resolve("run-" + run), run);
        Samples s = measure.time("bulk import", config.n(2, 1), config.n(7, 3), write, run -> {
            List<Path> files = SkillTree.find(dir[0], true);
            List<SkillFile> parsed = SkillTree.parseAll(fixture.registry().parser(), files, n -> {});
            return fixture.registry().propose(parsed, null, true);
        });
        return Operations.BULK_IMPORT.measured(s);
    }

    static Path writeImportTree(Path dir, int run) throws IOException {
        for (int i = 0; i < IMPORT_SIZE; i++) {
            String name = "bulk-r" + run + "-" + String.format("%04d", i);
            Category category = BenchData.category(i);
            Path skillDir = Files.createDirectories(dir.resolve(name));
            Files.writeString(
                    skillDir.resolve(SkillTree.FILE_NAME),
                    SkillText.of(name, "1.0.0", category, i),
                    StandardCharsets.UTF_8);
        }
        return dir;
    }
}
