package dev.cfn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaults_are_the_embedded_database_in_dot_cfn() {
        Settings settings = new SettingsLoader(Map.of()).load(null, null, null);

        assertThat(settings).isEqualTo(Settings.embedded(Path.of(".cfn")));
        assertThat(settings.sqliteFile()).isEqualTo(Path.of(".cfn", "cfn.db"));
        assertThat(settings.logDir()).isEqualTo(Path.of(".cfn", "logs"));
    }

    @Test
    void a_flag_wins_over_the_environment_which_wins_over_the_config_file() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Files.writeString(
                home.resolve("config"), "db.url=jdbc:postgresql://file/db\nredis.url=redis://file\ncache.entries=7\n");
        Map<String, String> env =
                Map.of("CFN_HOME", home.toString(), "CFN_REDIS_URL", "redis://env", "CFN_CACHE_ENTRIES", "9");

        Settings fromEnvAndFile = new SettingsLoader(env).load(null, null, null);
        Settings withFlags = new SettingsLoader(env).load(home.toString(), "jdbc:postgresql://flag/db", "redis://flag");

        assertThat(fromEnvAndFile.home()).isEqualTo(home);
        assertThat(fromEnvAndFile.dbUrl()).contains("jdbc:postgresql://file/db");
        assertThat(fromEnvAndFile.redisUrl()).contains("redis://env");
        assertThat(fromEnvAndFile.cacheEntries()).isEqualTo(9);
        assertThat(withFlags.dbUrl()).contains("jdbc:postgresql://flag/db");
        assertThat(withFlags.redisUrl()).contains("redis://flag");
    }

    @Test
    void a_blank_url_means_none() {
        Settings settings = new SettingsLoader(Map.of("CFN_DB_URL", "  ")).load(dir.toString(), null, null);

        assertThat(settings.dbUrl()).isEqualTo(Optional.empty());
    }

    @Test
    void a_bad_cache_size_is_invalid_input_naming_the_value() {
        assertThatThrownBy(() -> new SettingsLoader(Map.of("CFN_CACHE_ENTRIES", "-1")).load(dir.toString(), null, null))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("cache.entries must be a whole number >= 0, but was '-1'");
        assertThatThrownBy(
                        () -> new SettingsLoader(Map.of("CFN_CACHE_ENTRIES", "lots")).load(dir.toString(), null, null))
                .hasMessage("cache.entries must be a whole number >= 0, but was 'lots'");
    }

    @Test
    void the_api_defaults_to_no_extra_hosts_or_origins_and_loops_only_under_the_current_folder() {
        Settings settings =
                new SettingsLoader(Map.of()).load(dir.resolve("home").toString(), null, null);

        ApiSettings api = new SettingsLoader(Map.of()).api(settings, dir.resolve("project"));

        assertThat(api).isEqualTo(ApiSettings.defaults(dir.resolve("project")));
        assertThat(api.roots()).containsExactly(dir.resolve("project"));
        assertThat(api.tokenOnHealthAndMetrics()).isFalse();
    }

    @Test
    void the_api_reads_hosts_origins_roots_and_the_metrics_switch_from_the_config_file() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(
                home.resolve("config"),
                "api.hosts=cfn.example.com, LB.internal\n"
                        + "api.origins=https://ops.example.com:8443/,http://[::1]:9000\n"
                        + "api.roots=work, /srv/projects\n"
                        + "api.metrics_token=true\n");
        Settings settings = new SettingsLoader(Map.of()).load(home.toString(), null, null);

        ApiSettings api = new SettingsLoader(Map.of()).api(settings, dir);

        assertThat(api.hosts()).containsExactly("cfn.example.com", "lb.internal");
        assertThat(api.origins()).containsExactly("https://ops.example.com:8443", "http://[::1]:9000");
        assertThat(api.roots()).containsExactly(dir.resolve("work"), Path.of("/srv/projects"));
        assertThat(api.tokenOnHealthAndMetrics()).isTrue();
    }

    @Test
    void a_bad_api_value_is_invalid_input_naming_the_file_key_and_value() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Settings settings = new SettingsLoader(Map.of()).load(home.toString(), null, null);
        Path config = home.resolve("config");

        Files.writeString(config, "api.origins=evil.example\n");
        assertThatThrownBy(() -> new SettingsLoader(Map.of()).api(settings, dir))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage(config + ": api.origins must be origins such as https://ops.example.com:8443, but has"
                        + " 'evil.example'");
        Files.writeString(config, "api.hosts=http://x\n");
        assertThatThrownBy(() -> new SettingsLoader(Map.of()).api(settings, dir))
                .hasMessage(config + ": api.hosts must be host names such as cfn.example.com, but has 'http://x'");
        Files.writeString(config, "api.metrics_token=yes please\n");
        assertThatThrownBy(() -> new SettingsLoader(Map.of()).api(settings, dir))
                .hasMessage(config + ": api.metrics_token must be true or false, but was 'yes please'");
    }

    @Test
    void the_agent_settings_of_the_config_file_reach_agents_as_their_variables_unless_the_environment_has_them()
            throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(
                home.resolve("config"), "claude.bin=/opt/claude/bin/claude\nclaude.nonessential_traffic=true\n");
        Settings settings = new SettingsLoader(Map.of()).load(home.toString(), null, null);

        assertThat(new SettingsLoader(Map.of("PATH", "/bin")).agentEnv(settings))
                .containsEntry("CFN_CLAUDE_BIN", "/opt/claude/bin/claude")
                .containsEntry("CFN_CLAUDE_NONESSENTIAL_TRAFFIC", "true")
                .containsEntry("PATH", "/bin");
        assertThat(new SettingsLoader(
                                Map.of("CFN_CLAUDE_BIN", "/usr/bin/claude", "CFN_CLAUDE_NONESSENTIAL_TRAFFIC", "false"))
                        .agentEnv(settings))
                .containsEntry("CFN_CLAUDE_BIN", "/usr/bin/claude")
                .containsEntry("CFN_CLAUDE_NONESSENTIAL_TRAFFIC", "false");
        assertThat(new SettingsLoader(Map.of()).agentEnv(Settings.embedded(dir.resolve("none"))))
                .isEmpty();

        Files.writeString(home.resolve("config"), "claude.nonessential_traffic=sometimes\n");
        assertThatThrownBy(() -> new SettingsLoader(Map.of()).agentEnv(settings))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage(home.resolve("config") + ": claude.nonessential_traffic must be true or false, but was"
                        + " 'sometimes'");
    }

    @Test
    void the_log_cap_of_the_config_file_reaches_agents_and_a_bad_one_is_named() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve("config"), "logs.cap = 64m\n");
        Settings settings = new SettingsLoader(Map.of()).load(home.toString(), null, null);

        assertThat(new SettingsLoader(Map.of()).agentEnv(settings)).containsEntry("CFN_LOG_CAP", "64m");
        assertThat(new SettingsLoader(Map.of("CFN_LOG_CAP", "1m")).agentEnv(settings))
                .containsEntry("CFN_LOG_CAP", "1m");
        assertThat(ByteSize.parse("x", "64m")).isEqualTo(64L << 20);
        assertThat(ByteSize.parse("x", "512K")).isEqualTo(512L << 10);
        assertThat(ByteSize.parse("x", "65536")).isEqualTo(65536L);

        Files.writeString(home.resolve("config"), "logs.cap = 0\n");
        assertThatThrownBy(() -> new SettingsLoader(Map.of()).agentEnv(settings))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage(home.resolve("config") + ": logs.cap must be a size such as 8m, 512k or 65536 (bytes), but"
                        + " was '0'");
    }

    @Test
    void provider_entries_reach_the_agent_runtimes_under_their_own_names() throws Exception {
        Path home = Files.createDirectories(dir.resolve("providers"));
        Files.writeString(home.resolve("config"), """
                provider.zai.kind = anthropic
                provider.zai.base_url = https://api.z.ai/api/anthropic
                provider.zai.api_key_env = ZAI_API_KEY
                db.url = jdbc:postgresql://127.0.0.1/test
                """);
        Settings settings = new SettingsLoader(Map.of()).load(home.toString(), null, null);

        assertThat(new SettingsLoader(Map.of("provider.zai.kind", "openai")).agentEnv(settings))
                .containsEntry("provider.zai.kind", "openai") // the environment wins, as for every setting
                .containsEntry("provider.zai.base_url", "https://api.z.ai/api/anthropic")
                .containsEntry("provider.zai.api_key_env", "ZAI_API_KEY")
                .doesNotContainKey("db.url");
    }
}
