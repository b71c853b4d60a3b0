package dev.cfn.skills.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.InvalidInputException;
import dev.cfn.testing.Bytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a valid SKILL.md parses into; the rejections are in {@link SkillFileRejectionTest}. */
class SkillFileParserTest {
    private static final Path PATH = Path.of("skills/pdf/SKILL.md");
    private final SkillFileParser parser = new SkillFileParser();

    @Test
    void parses_every_known_field_and_keeps_unknown_keys_in_file_order() {
        SkillFile file = parse("""
                ---
                name: pdf
                description: Fill PDF forms.
                version: 2.3.4
                category: infrastructure
                team: docs
                owner: alice@example.com
                tags: [pdf, forms]
                license: Apache-2.0
                allowed-tools: Read Write
                metadata:
                  reviewed: true
                x-custom-key: kept
                ---
                # PDF

                Body text.
                """);

        assertThat(file.name()).isEqualTo("pdf");
        assertThat(file.description()).isEqualTo("Fill PDF forms.");
        assertThat(file.version()).isEqualTo(new SemVer(2, 3, 4));
        assertThat(file.category()).isEqualTo(Category.INFRASTRUCTURE);
        assertThat(file.text("team")).isEqualTo("docs");
        assertThat(file.text("owner")).isEqualTo("alice@example.com");
        assertThat(file.frontMatter())
                .containsExactly(
                        Map.entry("name", "pdf"),
                        Map.entry("description", "Fill PDF forms."),
                        Map.entry("version", "2.3.4"),
                        Map.entry("category", "infrastructure"),
                        Map.entry("team", "docs"),
                        Map.entry("owner", "alice@example.com"),
                        Map.entry("tags", List.of("pdf", "forms")),
                        Map.entry("license", "Apache-2.0"),
                        Map.entry("allowed-tools", "Read Write"),
                        Map.entry("metadata", Map.of("reviewed", true)),
                        Map.entry("x-custom-key", "kept"));
        assertThat(file.warnings()).isEmpty();
    }

    @Test
    void version_defaults_to_1_0_0_and_category_to_domain() {
        SkillFile file = parse("---\nname: pdf\ndescription: d\n---\nbody\n");

        assertThat(file.version()).isEqualTo(SemVer.INITIAL);
        assertThat(file.category()).isEqualTo(Category.DOMAIN);
        assertThat(file.category().approvalLevel()).isEqualTo(ApprovalLevel.HUMAN);
    }

    @Test
    void accepts_crlf_line_endings_and_a_utf8_bom_and_keeps_the_text_exactly() throws Exception {
        String text = "---\r\nname: pdf\r\ndescription: Grüße\r\nversion: 1.2.0\r\n---\r\nBody\r\n";
        byte[] bytes =
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8));

        SkillFile file = parser.parse(PATH, bytes, "pdf");

        assertThat(file.name()).isEqualTo("pdf");
        assertThat(file.description()).isEqualTo("Grüße");
        assertThat(file.version()).isEqualTo(new SemVer(1, 2, 0));
        assertThat(file.content()).isEqualTo("\uFEFF" + text);
        assertThat(file.content().getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
        assertThat(file.contentHash()).isEqualTo(sha256(bytes));
    }

    @Test
    void content_hash_is_the_sha256_of_the_exact_bytes() throws Exception {
        String lf = "---\nname: pdf\ndescription: d\n---\nbody\n";
        byte[] lfBytes = lf.getBytes(StandardCharsets.UTF_8);
        byte[] crlfBytes = lf.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);

        String lfHash = parser.parse(PATH, lfBytes, "pdf").contentHash();
        String crlfHash = parser.parse(PATH, crlfBytes, "pdf").contentHash();

        assertThat(lfHash).isEqualTo(sha256(lfBytes)).hasSize(64);
        assertThat(crlfHash).isEqualTo(sha256(crlfBytes)).isNotEqualTo(lfHash);
    }

    @Test
    void reads_a_file_from_disk_and_takes_the_expected_name_from_its_folder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pdf").resolve("SKILL.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "---\nname: pdf\ndescription: d\n---\n");
        Path wrong = dir.resolve("other").resolve("SKILL.md");
        Files.createDirectories(wrong.getParent());
        Files.writeString(wrong, "---\nname: pdf\ndescription: d\n---\n");

        assertThat(parser.read(file).name()).isEqualTo("pdf");
        assertThatThrownBy(() -> parser.read(wrong))
                .isInstanceOf(SkillFileException.class)
                .hasMessage(wrong + ":2: front matter 'name' must match the folder 'other', but was 'pdf'");
    }

    @Test
    void a_missing_file_is_invalid_input_naming_the_path(@TempDir Path dir) {
        Path missing = dir.resolve("pdf/SKILL.md");

        assertThatThrownBy(() -> parser.read(missing))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage(missing + ": no such file");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"on", "off", "yes", "no", "y", "n"})
    void yaml_1_1_boolean_words_stay_strings_as_in_yaml_1_2(String word) {
        SkillFile file = parser.parse(
                Path.of("skills", word, "SKILL.md"),
                bytes("---\nname: " + word + "\ndescription: " + word + "\nx-flag: " + word + "\n---\n"),
                word);

        assertThat(file.name()).isEqualTo(word);
        assertThat(file.description()).isEqualTo(word);
        assertThat(file.frontMatter()).containsEntry("x-flag", word);
    }

    @Test
    void a_description_over_1024_characters_is_accepted_with_a_warning() {
        String description = "é".repeat(1068);

        SkillFile file = parse("---\nname: pdf\ndescription: " + description + "\n---\n");

        assertThat(file.description()).isEqualTo(description);
        assertThat(file.warnings())
                .containsExactly(PATH + ":3: description is 1068 characters, over the Agent Skills limit of 1024"
                        + " (accepted)");
    }

    @Test
    void a_description_of_exactly_1024_characters_has_no_warning() {
        assertThat(parse("---\nname: pdf\ndescription: " + "x".repeat(1024) + "\n---\n")
                        .warnings())
                .isEmpty();
    }

    @Test
    void category_decides_the_approval_level() {
        assertThat(Category.COORDINATION.approvalLevel()).isEqualTo(ApprovalLevel.AUTO);
        assertThat(Category.FOUNDATION.approvalLevel()).isEqualTo(ApprovalLevel.AUTO);
        assertThat(Category.TESTING.approvalLevel()).isEqualTo(ApprovalLevel.AUTO);
        assertThat(Category.INFRASTRUCTURE.approvalLevel()).isEqualTo(ApprovalLevel.ESCALATE);
        assertThat(Category.DOMAIN.approvalLevel()).isEqualTo(ApprovalLevel.HUMAN);
    }

    private SkillFile parse(String text) {
        return parser.parse(PATH, bytes(text), "pdf");
    }

    private static byte[] bytes(String text) {
        return Bytes.utf8(text);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return Bytes.concat(a, b);
    }

    private static String sha256(byte[] bytes) {
        return Bytes.sha256(bytes);
    }
}
