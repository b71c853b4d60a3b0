package dev.cfn.coord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.redis.KeyScheme;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract on the real Redis at 127.0.0.1:6379. Each test has its own key namespace, removed
 * afterwards, so tests sharing the server never see each other's keys.
 */
class RedisCoordinatorIT extends CoordinatorContract {
    private static RawRedis raw;
    private KeyScheme scheme;
    private long blockedBefore;

    @BeforeAll
    static void connect() {
        raw = new RawRedis(RawRedis.URL);
    }

    @AfterAll
    static void disconnect() {
        raw.close();
    }

    @Override
    protected Coordinator create() {
        scheme = KeyScheme.namespaced("it-" + UUID.randomUUID().toString().substring(0, 8) + ":");
        blockedBefore = raw.blockedClients();
        return RedisCoordinator.create(RawRedis.URL, scheme);
    }

    @AfterEach
    void removeKeys() {
        raw.unlinkAll(scheme.allPattern());
        assertThat(raw.keys(scheme.allPattern())).isEmpty();
    }

    @Override
    protected KeyScheme keyScheme() {
        return scheme;
    }

    @Override
    protected List<String> rawKeys() {
        return raw.keys(scheme.allPattern());
    }

    @Override
    protected Optional<Duration> rawTtl(String key) {
        return raw.ttl(key);
    }

    @Override
    protected void rawSet(String key, String value) {
        raw.sync().setex(key, 3600, value);
    }

    /** Redis does not say which key a client blocks on: any new blocked client will do. */
    @Override
    protected boolean someoneWaitsOn(String key) {
        return raw.blockedClients() > blockedBefore;
    }
}
