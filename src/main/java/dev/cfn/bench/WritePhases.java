package dev.cfn.bench;

import dev.cfn.skills.Category;
import dev.cfn.skills.ChangeType;
import dev.cfn.skills.DeployRequest;
import dev.cfn.skills.Mapping;
import dev.cfn.skills.SkillFile;
import dev.cfn.skills.SkillRegistry;
import dev.cfn.skills.SkillTree;
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
     * one transaction. Runs over the skills whose category approves itself; writing the file is
     * not timed.
     */
    BenchRow update() throws IOException {
        List<Integer> auto = new ArrayList<>();
        for (int i = 0; i < shape.skills(); i++) {
            if (BenchData.category(i).approvalLevel() == dev.cfn.skills.ApprovalLevel.AUTO) {
                auto.add(i);
            }
        }
        int[] patch = new int[shape.skills()];
        Path dir = Files.createDirectories(fixture.home().resolve("updates"));
        Path[] file = new Path[1];
        SkillRegistry registry = fixture.registry();
        Measure.Prepare write = i -> {
            int skill = auto.get(i % auto.size());
            String name = DataShape.skillName(skill);
            String text = SkillText.of(name, "1.0." + ++patch[skill], BenchData.category(skill), i);
            file[0] = Files.createDirectories(dir.resolve(name)).resolve(SkillTree.FILE_NAME);
            Files.writeString(file[0], text, StandardCharsets.UTF_8);
        };
        Samples s = measure.time("update", config.n(500, 100), config.n(3000, 300), write, i -> {
            String name = file[0].getParent().getFileName().toString();
            SkillFile parsed = registry.parser().read(file[0], name);
            return registry.update(name, parsed, ChangeType.PATCH, null);
        });
        return Operations.UPDATE.measured(s);
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
