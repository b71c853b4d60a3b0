package dev.cfn.agents.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The reaper on real processes: a shutdown ends what it gave a marker to, tracked or not yet. */
class ProcessReaperIT {
    @Test
    void a_shutdown_right_after_the_start_ends_a_process_not_yet_reported_started() throws Exception {
        ProcessReaper reaper = new ProcessReaper(Path.of("/proc"));
        String token = reaper.newToken();
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "sleep 300 & wait");
        builder.environment().put(AgentEnvironment.RUN_MARKER, token);
        Process process = builder.start();
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> process.descendants().findAny().isPresent());
            ProcessHandle grandchild = process.descendants().findFirst().orElseThrow();

            reaper.onShutdown(); // as a Ctrl-C before started(token, ...) would run it

            await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive() && !grandchild.isAlive());
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            reaper.finished(token);
        }
    }

    @Test
    void a_finished_token_is_no_longer_swept_at_shutdown() throws Exception {
        ProcessReaper reaper = new ProcessReaper(Path.of("/proc"));
        String token = reaper.newToken();
        reaper.finished(token);
        reaper.awaitSweeps();
        ProcessBuilder builder = new ProcessBuilder("sleep", "300");
        builder.environment().put(AgentEnvironment.RUN_MARKER, token); // a stale marker reused by someone
        Process process = builder.start();
        try {
            reaper.onShutdown();

            assertThat(process.waitFor(300, java.util.concurrent.TimeUnit.MILLISECONDS))
                    .isFalse();
        } finally {
            process.destroyForcibly();
        }
    }
}
