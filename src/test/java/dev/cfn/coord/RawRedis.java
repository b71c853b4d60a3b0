package dev.cfn.coord;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Plain Redis commands for tests: what a foreign agent or an operator would see and do. */
final class RawRedis implements AutoCloseable {
    static final String URL = "redis://127.0.0.1:6379";

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    RawRedis(String url) {
        client = RedisClient.create(url);
        connection = client.connect();
    }

    RedisCommands<String, String> sync() {
        return connection.sync();
    }

    List<String> keys(String pattern) {
        List<String> keys = new ArrayList<>();
        ScanIterator.scan(sync(), ScanArgs.Builder.matches(pattern).limit(1000)).forEachRemaining(keys::add);
        return keys;
    }

    Optional<Duration> ttl(String key) {
        long ms = sync().pttl(key);
        return ms < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(ms));
    }

    /** UNLINKs every key matching the pattern; returns how many. */
    long unlinkAll(String pattern) {
        List<String> keys = keys(pattern);
        return keys.isEmpty() ? 0 : sync().unlink(keys.toArray(String[]::new));
    }

    long blockedClients() {
        return sync().info("clients")
                .lines()
                .filter(l -> l.startsWith("blocked_clients:"))
                .mapToLong(l ->
                        Long.parseLong(l.substring("blocked_clients:".length()).strip()))
                .findFirst()
                .orElse(0);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
