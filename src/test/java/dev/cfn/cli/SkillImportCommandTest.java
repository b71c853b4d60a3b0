package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.testing.Fixtures;
import dev.cfn.testing.SkillMd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cfn skill import} of a tree mixing valid and invalid files, in process on a real SQLite
 * file: every invalid file is reported as {@code path:line: why}; without {@code --skip-invalid}
 * nothing is imported (exit 2), with it the valid files are.
 */
class SkillImportCommandTest {
    @TempDir
    Path tmp;

    private CliRun cfn(String... args) {
        List<String> all =
                new java.util.ArrayList<>(List.of("--home", tmp.resolve("home").toString()));
        all.addAll(List.of(args));
        return CliRun.of(Map.of(), all);
    }

    private Path mixedTree() throws IOException {
        Path tree = tmp.resolve("tree");
        SkillMd.of("good-one").writeIn(tree);
        SkillMd.of("good-two").category("domain").writeIn(tree);
        write(tree.resolve("no-front/SKILL.md"), "# no front matter here\n");
        write(
                tree.resolve("bad-version/SKILL.md"),
                "---\nname: bad-version\ndescription: A skill.\nversion: one\ncategory: testing\n---\nbody\n");
        write(
                tree.resolve("nested/wrong-folder/SKILL.md"),
                "---\nname: other-name\ndescription: A skill.\nversion: 1.0.0\ncategory: testing\n---\nbody\n");
        return tree;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static List<String> problemLines(CliRun run) {
        return run.err()
                .lines()
                .filter(l -> !l.startsWith("cfn: warning:") && l.matches("cfn: .*SKILL\\.md:\\d+: .*"))
                .toList();
    }

    @Test
    void every_invalid_file_is_reported_and_nothing_is_imported() throws Exception {
        Path tree = mixedTree();

        CliRun run = cfn("skill", "import", tree.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(problemLines(run))
                .hasSize(3)
                .anySatisfy(l ->
                        assertThat(l).startsWith("cfn: " + tree.resolve("no-front/SKILL.md") + ":1: missing front"))
                .anySatisfy(l -> assertThat(l).startsWith("cfn: " + tree.resolve("bad-version/SKILL.md") + ":4: "))
                .anySatisfy(
                        l -> assertThat(l).startsWith("cfn: " + tree.resolve("nested/wrong-folder/SKILL.md") + ":2: "));
        assertThat(run.err()).contains("cfn: 3 of 5 files under " + tree + " are invalid: nothing imported");
        assertThat(cfn("--json", "skill", "list").out().replaceAll("\\s", "")).isEqualTo("[]");
    }

    @Test
    void skip_invalid_imports_the_valid_files_in_one_go_and_lists_the_rest() throws Exception {
        Path tree = mixedTree();

        CliRun run = cfn("--json", "skill", "import", tree.toString(), "--skip-invalid");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(problemLines(run)).hasSize(3);
        assertThat(run.out()).contains("\"created\" : 2").contains("\"pending\" : 1");
        assertThat(cfn("skill", "list").out()).contains("good-one").contains("good-two");
    }

    @Test
    void skip_invalid_with_nothing_valid_fails() throws Exception {
        Path tree = tmp.resolve("bad-only");
        write(tree.resolve("x/SKILL.md"), "no front matter\n");

        CliRun run = cfn("skill", "import", tree.toString(), "--skip-invalid");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(problemLines(run)).hasSize(1);
        assertThat(run.err()).contains("none of the 1 files under " + tree + " is valid");
    }

    @Test
    void a_real_skill_collection_with_invalid_files_added_imports_its_valid_skills() throws Exception {
        Path fixtures = Fixtures.anthropicSkills();
        Path tree = tmp.resolve("collection");
        try (Stream<Path> files = Files.walk(fixtures)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = tree.resolve(fixtures.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        long valid;
        try (Stream<Path> skills = Files.walk(tree)) {
            valid = skills.filter(p -> p.getFileName().toString().equals("SKILL.md"))
                    .count();
        }
        write(tree.resolve("broken-one/SKILL.md"), "---\nname: broken-one\n");
        write(
                tree.resolve("broken-two/SKILL.md"),
                "---\nname: broken-two\ndescription: x\nversion: 1.0.0\ncategory: astrology\n---\n");

        CliRun refused = cfn("skill", "import", tree.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(problemLines(refused)).hasSize(2);

        CliRun run = cfn("--json", "skill", "import", tree.toString(), "--skip-invalid");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(problemLines(run)).hasSize(2);
        assertThat(run.out()).contains("\"created\" : " + valid);
    }
}
