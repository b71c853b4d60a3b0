package dev.cfn.agents.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CappedFileTest {
    @TempDir
    Path dir;

    private String written(long cap, byte[] data, int seed) throws Exception {
        Path file = dir.resolve("out");
        Random chunks = new Random(seed);
        try (CappedFile f = CappedFile.create(file, cap)) {
            int at = 0;
            while (at < data.length) {
                int n = Math.min(data.length - at, 1 + chunks.nextInt(40));
                f.write(data, at, n);
                at += n;
            }
        }
        assertThat(dir.resolve("out.ring")).doesNotExist();
        return Files.readString(file);
    }

    private static byte[] letters(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    @Test
    void output_within_twice_the_cap_is_kept_whole() throws Exception {
        for (int n : new int[] {0, 1, 10, 11, 19, 20}) {
            byte[] data = letters(n);
            assertThat(written(10, data, n)).isEqualTo(new String(data, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void longer_output_keeps_its_first_and_last_cap_bytes_with_a_marker_between() throws Exception {
        for (int seed = 0; seed < 50; seed++) {
            int n = 21 + new Random(seed).nextInt(500);
            String data = new String(letters(n), StandardCharsets.US_ASCII);

            String kept = written(10, letters(n), seed);

            assertThat(kept)
                    .isEqualTo(data.substring(0, 10)
                            + "\n[cfn: " + (n - 20) + " bytes of output dropped here: the first and the last 10 bytes"
                            + " are kept]\n"
                            + data.substring(n - 10));
        }
    }

    @Test
    void writes_after_close_are_ignored() throws Exception {
        Path file = dir.resolve("out");
        CappedFile f = CappedFile.create(file, 4);
        f.write("abc".getBytes(StandardCharsets.US_ASCII), 0, 3);
        f.close();
        f.write("def".getBytes(StandardCharsets.US_ASCII), 0, 3);
        f.close();

        assertThat(file).hasContent("abc");
    }
}
