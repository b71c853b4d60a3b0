package dev.cfn.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @Test
    void rejects_a_file_over_1_mib_and_accepts_one_of_exactly_1_mib(@TempDir Path dir) throws Exception {
        String head = "---\nname: pdf\ndescription: d\n---\n";
        byte[] exact = padded(head, SkillFileParser.MAX_BYTES);
        byte[] over = padded(head, SkillFileParser.MAX_BYTES + 1);
        Path file = dir.resolve("pdf").resolve("SKILL.md");
        Files.createDirectories(file.getParent());
        Files.write(file, over);

        assertThat(parser.parse(PATH, exact, "pdf").name()).isEqualTo("pdf");
        assertRejected(over, 1, "file is larger than 1 MiB (1048577 bytes)");
        assertThatThrownBy(() -> parser.read(file))
                .isInstanceOf(SkillFileException.class)
                .hasMessage(file + ":1: file is larger than 1 MiB (1048577 bytes)");
    }

    @Test
    void rejects_binary_content_at_the_line_of_the_nul_byte() {
        byte[] bytes = "---\nname: pdf\ndescription: d\u0000\n---\n".getBytes(StandardCharsets.UTF_8);

        assertRejected(bytes, 3, "binary content (a NUL byte) is not a SKILL.md");
    }

    @Test
    void rejects_invalid_utf8_at_the_line_of_the_first_bad_byte() {
        byte[] head = "---\nname: pdf\ndescription: d\n---\nbody ".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = concat(head, new byte[] {(byte) 0xC3, (byte) 0x28, '\n'});

        assertRejected(bytes, 5, "content is not valid UTF-8");
    }

    @Test
    void rejects_latin1_text_as_not_utf8() {
        byte[] bytes = "---\nname: pdf\ndescription: Gr\u00fc\u00dfe\n---\n".getBytes(StandardCharsets.ISO_8859_1);

        assertRejected(bytes, 3, "content is not valid UTF-8");
    }

    @Test
    void rejects_a_file_without_front_matter() {
        assertRejected("# Just markdown\n", 1, "missing front matter: the file must start with a '---' line");
        assertRejected("", 1, "missing front matter: the file must start with a '---' line");
    }

    @Test
    void rejects_unterminated_front_matter() {
        assertRejected("---\nname: pdf\ndescription: d\n", 1, "unterminated front matter: no closing '---' line");
    }

    @Test
    void rejects_empty_front_matter() {
        assertRejected("---\n---\nbody\n", 2, "front matter is empty: 'name' and 'description' are required");
    }

    @Test
    void invalid_yaml_is_reported_at_its_line_inside_the_front_matter() {
        assertRejected(
                "---\nname: pdf\ndescription: d\nfoo: : bar\n---\n",
                4,
                "invalid YAML: mapping values are not allowed here");
        assertRejected(
                "---\nname: pdf\n description: d\n---\n", 3, "invalid YAML: mapping values are not allowed here");
    }

    @Test
    void invalid_yaml_line_accounts_for_a_bom_and_crlf() {
        byte[] bytes = concat(
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "---\r\nname: pdf\r\ndescription: d\r\nfoo: : bar\r\n---\r\n".getBytes(StandardCharsets.UTF_8));

        assertRejected(bytes, 4, "invalid YAML: mapping values are not allowed here");
    }

    @Test
    void rejects_duplicate_keys_at_the_second_one() {
        assertRejected("---\nname: pdf\ndescription: d\nname: pdf\n---\n", 4, "invalid YAML: Duplicate field 'name'");
    }

    @Test
    void rejects_front_matter_that_is_not_a_mapping() {
        assertRejected("---\n- a\n- b\n---\n", 2, "front matter must be a YAML mapping of keys to values");
    }

    @Test
    void rejects_a_missing_or_non_string_name() {
        assertRejected("---\ndescription: d\n---\n", 1, "front matter 'name' is required and must be a string");
        assertRejected(
                "---\nname: 123\ndescription: d\n---\n", 2, "front matter 'name' is required and must be a string");
        assertRejected("---\nname:\ndescription: d\n---\n", 2, "front matter 'name' is required and must be a string");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "PDF         | must be 1-64 lowercase letters, digits or hyphens, but was 'PDF'",
                "pdf_tool    | must be 1-64 lowercase letters, digits or hyphens, but was 'pdf_tool'",
                "'pdf tool'  | must be 1-64 lowercase letters, digits or hyphens, but was 'pdf tool'",
                "a/b         | must not contain '/', '\\' or '..', but was 'a/b'",
                "'a\\b'      | must not contain '/', '\\' or '..', but was 'a\\b'",
                "..          | must not contain '/', '\\' or '..', but was '..'",
                "../etc      | must not contain '/', '\\' or '..', but was '../etc'",
                "a..b        | must not contain '/', '\\' or '..', but was 'a..b'",
            })
    void rejects_an_invalid_name(String yamlValue, String problem) {
        assertRejected("---\nname: " + yamlValue + "\ndescription: d\n---\n", 2, "front matter 'name' " + problem);
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
    void rejects_a_name_longer_than_64_characters_and_accepts_64() {
        String ok = "a".repeat(64);
        String tooLong = "a".repeat(65);

        assertThat(parser.parse(PATH, bytes("---\nname: " + ok + "\ndescription: d\n---\n"), ok)
                        .name())
                .isEqualTo(ok);
        assertRejected(
                "---\nname: " + tooLong + "\ndescription: d\n---\n",
                2,
                "front matter 'name' must be 1-64 lowercase letters, digits or hyphens, but was '" + tooLong + "'");
    }

    @Test
    void rejects_a_name_that_differs_from_its_folder() {
        assertRejected(
                "---\nname: other\ndescription: d\n---\n",
                2,
                "front matter 'name' must match the folder 'pdf', but was 'other'");
    }

    @Test
    void rejects_a_missing_or_blank_description() {
        assertRejected(
                "---\nname: pdf\n---\n", 1, "front matter 'description' is required and must be a non-empty string");
        assertRejected(
                "---\nname: pdf\ndescription: '  '\n---\n",
                3,
                "front matter 'description' is required and must be a non-empty string");
        assertRejected(
                "---\nname: pdf\ndescription: [a]\n---\n",
                3,
                "front matter 'description' is required and must be a non-empty string");
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
    void rejects_a_description_over_the_hard_limit() {
        assertRejected(
                "---\nname: pdf\ndescription: " + "x".repeat(4097) + "\n---\n",
                3,
                "front matter 'description' must be at most 4096 characters, but was 4097");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {"1.0 | 1.0", "v1.2.3 | v1.2.3", "1.2.3-beta | 1.2.3-beta", "01.0.0 | 01.0.0", "1.2.3.4 | 1.2.3.4"})
    void rejects_a_version_that_is_not_semver(String yamlValue, String shown) {
        assertRejected(
                "---\nname: pdf\ndescription: d\nversion: " + yamlValue + "\n---\n",
                4,
                "front matter 'version' must be semver MAJOR.MINOR.PATCH, but was '" + shown + "'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Testing", "ops", "subcategory", "category"})
    void rejects_an_unknown_category_naming_it_verbatim(String value) {
        assertRejected(
                "---\nname: pdf\ndescription: d\ncategory: " + value + "\n---\n",
                4,
                "front matter 'category' must be one of coordination, foundation, testing, infrastructure, domain,"
                        + " but was '" + value + "'");
    }

    @Test
    void an_error_stays_on_one_line_when_the_bad_value_holds_a_line_break() {
        assertRejected(
                "---\nname: pdf\ndescription: d\nversion: \"1.0\\nrm -rf\"\n---\n",
                4,
                "front matter 'version' must be semver MAJOR.MINOR.PATCH, but was '1.0\\u000arm -rf'");
        assertRejected(
                "---\nname: pdf\ndescription: d\ncategory: \"ops\\r\\nx\"\n---\n",
                4,
                "front matter 'category' must be one of coordination, foundation, testing, infrastructure, domain,"
                        + " but was 'ops\\u000d\\u000ax'");
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

    private void assertRejected(String text, int line, String problem) {
        assertRejected(bytes(text), line, problem);
    }

    private void assertRejected(byte[] bytes, int line, String problem) {
        assertThatThrownBy(() -> parser.parse(PATH, bytes, "pdf"))
                .isExactlyInstanceOf(SkillFileException.class)
                .hasMessage(PATH + ":" + line + ": " + problem)
                .satisfies(e -> assertThat(((SkillFileException) e).line()).isEqualTo(line));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] padded(String head, int size) {
        byte[] bytes = new byte[size];
        byte[] h = bytes(head);
        System.arraycopy(h, 0, bytes, 0, h.length);
        for (int i = h.length; i < size; i++) {
            bytes[i] = (byte) ((i % 80 == 79) ? '\n' : 'x');
        }
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
