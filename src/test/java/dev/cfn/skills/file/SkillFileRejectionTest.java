package dev.cfn.skills.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.testing.Bytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rule a SKILL.md can break, with its exact one-line {@code path:line: what is wrong}. */
class SkillFileRejectionTest {
    private static final Path PATH = Path.of("skills/pdf/SKILL.md");
    private final SkillFileParser parser = new SkillFileParser();

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

    private void assertRejected(String text, int line, String problem) {
        assertRejected(bytes(text), line, problem);
    }

    private void assertRejected(byte[] bytes, int line, String problem) {
        assertThatThrownBy(() -> parser.parse(PATH, bytes, "pdf"))
                .isExactlyInstanceOf(SkillFileException.class)
                .hasMessage(PATH + ":" + line + ": " + problem)
                .satisfies(e -> assertThat(((SkillFileException) e).line()).isEqualTo(line));
    }

    private static byte[] padded(String head, int size) {
        return Bytes.padded(head, size);
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
