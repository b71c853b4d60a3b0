package dev.cfn.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.redis.KeyScheme;
import dev.cfn.skills.analytics.SkillAnalytics;
import dev.cfn.store.ChangeEpochs;
import dev.cfn.store.SqliteDatabase;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query cache on the real Redis, shared by several instances as by several processes. */
class RedisQueryCacheIT {
    private static final String REDIS = "redis://127.0.0.1:6379";
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> raw;

    @TempDir
    Path dir;

    private KeyScheme keys;
    private final List<QueryCache> caches = new ArrayList<>();

    @BeforeAll
    static void connect() {
        client = RedisClient.create(REDIS);
        raw = client.connect();
    }

    @AfterAll
    static void disconnect() {
        raw.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @BeforeEach
    void namespace() {
        keys = KeyScheme.namespaced("it-" + UUID.randomUUID().toString().substring(0, 8) + ":");
    }

    @AfterEach
    void cleanUp() {
        caches.forEach(QueryCache::close);
        List<String> left = cacheKeys();
        if (!left.isEmpty()) {
            raw.sync().unlink(left.toArray(String[]::new));
        }
    }

    @Test
    void an_entry_is_stored_with_setex_300_and_seen_by_another_instance() {
        QueryCache writer = cache(REDIS, "db-a");
        QueryCache reader = cache(REDIS, "db-a");

        writer.put("abc123", "[{\"uses\":3}]", QueryCache.DEFAULT_TTL);

        assertThat(reader.get("abc123")).contains("[{\"uses\":3}]");
        List<String> stored = cacheKeys();
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).startsWith(keys.namespace() + "cache:query:");
        assertThat(raw.sync().pttl(stored.get(0))).isBetween(290_000L, 300_000L);
        assertThat(reader.stats()).isEqualTo(new QueryCache.Stats("redis", 1, 0, 1));
    }

    @Test
    void two_databases_sharing_one_redis_never_share_entries() {
        cache(REDIS, "jdbc:postgresql://db-a/x").put("abc123", "from a", QueryCache.DEFAULT_TTL);

        assertThat(cache(REDIS, "jdbc:postgresql://db-b/x").get("abc123")).isEmpty();
    }

    @Test
    void redis_down_is_a_miss_never_an_error() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        QueryCache down = cache("redis://127.0.0.1:" + closedPort, "db-a");

        down.put("abc123", "value", QueryCache.DEFAULT_TTL);
        Optional<String> hit = down.get("abc123");

        assertThat(hit).isEmpty();
        assertThat(down.stats()).isEqualTo(new QueryCache.Stats("redis", 0, 1, -1));
    }

    @Test
    void a_write_to_the_database_invalidates_the_shared_entries() {
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("cfn.db"))) {
            SkillAnalytics first = new SkillAnalytics(db, cache(REDIS, "db-a"), Clock.systemUTC());
            SkillAnalytics second = new SkillAnalytics(db, cache(REDIS, "db-a"), Clock.systemUTC());

            assertThat(first.report("by-approval", 30).fromCache()).isFalse();
            assertThat(second.report("by-approval", 30).fromCache()).isTrue();
            db.write(sql -> {
                ChangeEpochs.bump(sql, ChangeEpochs.SKILLS);
                return null;
            });

            assertThat(second.report("by-approval", 30).fromCache()).isFalse();
            assertThat(first.report("by-approval", 30).fromCache()).isTrue();
        }
    }

    private QueryCache cache(String url, String scope) {
        QueryCache cache = RedisQueryCache.create(url, keys, scope);
        caches.add(cache);
        return cache;
    }

    private List<String> cacheKeys() {
        List<String> found = new ArrayList<>();
        ScanIterator.scan(
                        raw.sync(),
                        ScanArgs.Builder.matches(keys.queryCachePattern()).limit(1000))
                .forEachRemaining(found::add);
        return found;
    }
}
