package dev.cfn.skills.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.cfn.skills.JdbcSkillStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random inputs: mutated valid files, YAML-ish token soup and raw garbage. Each must either
 * parse into a storable skill or fail with a one-line {@code path:line: why}, never anything else.
 */
class SkillFileParserFuzzTest {
    private static final Path PATH = Path.of("fuzz/pdf/SKILL.md");
    private static final long SEED = 0x5EED_CF4EL;
    private static final int CASES = 6000;

    private static final List<String> SEEDS = List.of(
            "---\nname: pdf\ndescription: Fill PDF forms.\nversion: 1.2.3\ncategory: testing\n---\n# PDF\nbody\n",
            "---\r\nname: pdf\r\ndescription: \"quoted: value\"\r\ntags: [a, b]\r\n---\r\nbody\r\n",
            "\uFEFF---\nname: pdf\ndescription: |\n  multi\n  line\nmetadata:\n  k: v\n  n: 3\n---\n",
            "---\nname: pdf\ndescription: d\nallowed-tools: Read Write\nx: {a: 1, b: [1, 2]}\n---\n");
    private static final List<String> TOKENS = List.of(
            "---",
            "\n",
            "\r\n",
            "\r",
            ": ",
            ":",
            "- ",
            "[",
            "]",
            "{",
            "}",
            ",",
            "\"",
            "'",
            "\\n",
            "\\u0000",
            "#",
            "&a ",
            "*a",
            "!!binary ",
            "!tag ",
            "? ",
            "|",
            ">",
            "%YAML 1.2",
            "@",
            "`",
            "\t",
            "  ",
            "name",
            "pdf",
            "description",
            "version",
            "category",
            "1.0.0",
            "9999999999.0.0",
            "testing",
            "null",
            "~",
            ".nan",
            "0x1F",
            "1e999",
            "\u0000",
            "\uFFFD",
            "é",
            "日本",
            "🙂",
            "\uFEFF",
            "<<: *a");

    private final SkillFileParser parser = new SkillFileParser();

    @Test
    void every_input_parses_or_fails_with_a_one_line_located_error() throws Exception {
        Random random = new Random(SEED);
        int parsed = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] input = switch (i % 4) {
                case 0, 1 -> mutate(random, SEEDS.get(random.nextInt(SEEDS.size())));
                case 2 -> tokenSoup(random);
                default -> garbage(random);
            };
            if (check(input, i)) {
                parsed++;
            }
        }
        // The generator must also produce valid files, or the parsing branch goes untested.
        assertThat(parsed).isGreaterThan(CASES / 50);
    }

    @Test
    void deeply_nested_yaml_fails_cleanly() throws Exception {
        check(
                ("---\nname: pdf\ndescription: d\nx: " + "[".repeat(200_000) + "\n---\n")
                        .getBytes(StandardCharsets.UTF_8),
                -1);
        check(
                ("---\nname: pdf\ndescription: d\nx: " + "{a: ".repeat(100_000) + "\n---\n")
                        .getBytes(StandardCharsets.UTF_8),
                -2);
    }

    @Test
    void alias_bombs_fail_cleanly_or_parse_without_blowing_up() throws Exception {
        StringBuilder yaml = new StringBuilder("---\nname: pdf\ndescription: d\na0: &a0 [x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            yaml.append(String.join(", ", java.util.Collections.nCopies(8, "*a" + (i - 1))));
            yaml.append("]\n");
        }
        yaml.append("---\n");
        check(yaml.toString().getBytes(StandardCharsets.UTF_8), -3);
    }

    /** Returns true when the input parsed; fails the test on any other outcome than a clean error. */
    private boolean check(byte[] input, int caseNumber) throws Exception {
        try {
            SkillFile file = parser.parse(PATH, input, "pdf");
            assertThat(file.name()).isEqualTo("pdf");
            assertThat(file.contentHash()).isEqualTo(dev.cfn.testing.Bytes.sha256(input));
            assertThat(file.content().getBytes(StandardCharsets.UTF_8)).isEqualTo(input);
            // The registry stores the front matter as JSON: whatever parses must serialise.
            assertThat(JdbcSkillStore.frontMatterJson(file.frontMatter())).startsWith("{");
            return true;
        } catch (SkillFileException e) {
            assertThat(e.getMessage())
                    .as("case %d: %s", caseNumber, printable(input))
                    .startsWith(PATH + ":" + e.line() + ": ")
                    .doesNotContain("\n", "\r");
            assertThat(e.line()).as("case %d", caseNumber).isPositive();
            return false;
        } catch (Throwable t) {
            fail("case " + caseNumber + " threw " + t + " for input " + printable(input), t);
            return false;
        }
    }

    private static byte[] mutate(Random random, String seed) {
        byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(bytes.length + 1);
            bytes = switch (random.nextInt(5)) {
                case 0 -> splice(bytes, at, 0, token(random)); // insert a token
                case 1 -> splice(bytes, at, Math.min(1 + random.nextInt(4), bytes.length - at), new byte[0]);
                case 2 -> splice(bytes, at, Math.min(1, bytes.length - at), new byte[] {(byte) random.nextInt(256)});
                case 3 -> java.util.Arrays.copyOf(bytes, at); // truncate
                default -> splice(bytes, at, 0, java.util.Arrays.copyOfRange(bytes, 0, Math.min(at, 24)));
            };
        }
        return bytes;
    }

    private static byte[] tokenSoup(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("---\nname: pdf\n".getBytes(StandardCharsets.UTF_8));
        int n = random.nextInt(40);
        for (int i = 0; i < n; i++) {
            out.writeBytes(token(random));
        }
        if (random.nextBoolean()) {
            out.writeBytes("\n---\nbody\n".getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] garbage(Random random) {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        if (random.nextBoolean() && bytes.length > 4) {
            System.arraycopy("---\n".getBytes(StandardCharsets.UTF_8), 0, bytes, 0, 4);
        }
        return bytes;
    }

    private static byte[] token(Random random) {
        return TOKENS.get(random.nextInt(TOKENS.size())).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(insert);
        out.write(bytes, at + remove, bytes.length - at - remove);
        return out.toByteArray();
    }

    private static String printable(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        return dev.cfn.InvalidInputException.printable(text.length() > 300 ? text.substring(0, 300) : text);
    }
}
