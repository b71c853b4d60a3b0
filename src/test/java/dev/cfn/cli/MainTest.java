package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void sqlite_is_warmed_up_only_for_command_lines_that_may_open_a_database() {
        assertThat(Main.mayOpenADatabase(new String[] {"--home", "h", "skill", "show", "x", "--version", "1.0.0"}))
                .isTrue();
        assertThat(Main.mayOpenADatabase(new String[] {"skill", "load", "--agent", "t", "--json"}))
                .isTrue();
        assertThat(Main.mayOpenADatabase(new String[] {})).isFalse();
        assertThat(Main.mayOpenADatabase(new String[] {"--version"})).isFalse();
        assertThat(Main.mayOpenADatabase(new String[] {"skill", "show", "--help"}))
                .isFalse();
        assertThat(Main.mayOpenADatabase(new String[] {"help", "skill"})).isFalse();
        assertThat(Main.mayOpenADatabase(new String[] {"completion", "bash"})).isFalse();
    }

    @Test
    void a_live_non_daemon_thread_makes_main_exit_explicitly() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.start();
        started.await();
        try {
            assertThat(Main.onlyDaemonThreadsLeft()).isFalse();
        } finally {
            release.countDown();
            worker.join();
        }
    }
}
