package dev.cfn.cache;

import dev.cfn.redis.KeyScheme;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query cache shared by every process using the same Redis: {@code SETEX cache:query:{hash}
 * 300 value}. Entries are keyed on the change epochs of the tables they read, so a write by any
 * process invalidates them; the hash also covers the database's identity (the scope), because two
 * databases at the same epochs would otherwise share entries on one Redis. Redis being down or slow is a miss, never an error: the first failure
 * of an outage is logged once, and Redis is left alone for 30 s before it is tried again.
 * Thread-safe.
 */
public final class RedisQueryCache implements QueryCache {
    private static final Logger LOG = LoggerFactory.getLogger(RedisQueryCache.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final long RETRY_AFTER_NANOS = Duration.ofSeconds(30).toNanos();

    private final String safeUrl;
    private final KeyScheme keys;
    private final String scope;
    private final RedisClient client;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    /** Kept for the metrics probe, which holds it weakly. */
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final QueryCacheCounts counts;

    private StatefulRedisConnection<String, String> connection;
    private boolean failing;
    private long retryAtNanos;

    private RedisQueryCache(RedisURI uri, String safeUrl, KeyScheme keys, String scope) {
        this.safeUrl = safeUrl;
        this.keys = keys;
        this.scope = scope;
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .build());
        this.counts = QueryCacheCounts.register("redis", hits::get, misses::get);
    }

    /**
     * A cache on {@code url}; connects on first use. A malformed URL is treated as Redis down.
     *
     * @param scope identifies the database whose results are cached (its URL, or host and file)
     */
    public static RedisQueryCache create(String url, String scope) {
        return create(url, KeyScheme.standard(), scope);
    }

    /** A cache on {@code url} whose keys follow {@code keys} (a namespace for tests). */
    public static RedisQueryCache create(String url, KeyScheme keys, String scope) {
        String safeUrl = url.replaceAll("//[^@/]*@", "//***@");
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (RuntimeException e) {
            LOG.warn("query cache: {} is not a valid Redis URL ({}); every lookup is a miss", safeUrl, e.getMessage());
            uri = RedisURI.create("redis://127.0.0.1:1");
        }
        uri.setTimeout(TIMEOUT);
        return new RedisQueryCache(uri, safeUrl, keys, scope);
    }

    @Override
    public Optional<String> get(String key) {
        RedisCommands<String, String> redis = redis();
        String value = null;
        if (redis != null) {
            try {
                value = redis.get(redisKey(key));
                recovered();
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        (value == null ? misses : hits).incrementAndGet();
        return Optional.ofNullable(value);
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        RedisCommands<String, String> redis = redis();
        if (redis == null) {
            return;
        }
        try {
            redis.setex(redisKey(key), Math.max(1, ttl.toSeconds()), value);
            recovered();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** Hits and misses of this process; size counts the shared entries (SCAN), -1 if Redis is down. */
    @Override
    public Stats stats() {
        long size = -1;
        RedisCommands<String, String> redis = redis();
        if (redis != null) {
            try {
                size = ScanIterator.scan(
                                redis,
                                ScanArgs.Builder.matches(keys.queryCachePattern())
                                        .limit(1000))
                        .stream()
                        .count();
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        return new Stats("redis", hits.get(), misses.get(), size);
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /** The connection's commands; null while Redis is considered down. */
    private synchronized RedisCommands<String, String> redis() {
        if (failing && System.nanoTime() - retryAtNanos < 0) {
            return null;
        }
        if (connection != null) {
            return connection.sync();
        }
        try {
            connection = client.connect(StringCodec.UTF8);
            return connection.sync();
        } catch (RuntimeException e) {
            failed(e);
            return null;
        }
    }

    private synchronized void failed(RuntimeException e) {
        if (!failing) {
            LOG.warn("query cache: Redis at {} is unavailable, serving from the database: {}", safeUrl, rootMessage(e));
        }
        failing = true;
        retryAtNanos = System.nanoTime() + RETRY_AFTER_NANOS;
    }

    private synchronized void recovered() {
        if (failing) {
            LOG.info("query cache: Redis at {} is back", safeUrl);
            failing = false;
        }
    }

    /** {@code cache:query:{sha256(scope, key)}}. */
    private String redisKey(String key) {
        return keys.queryCache(dev.cfn.store.Sha256.hex(scope + '\u0000' + key));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage()).lines().findFirst().orElse("");
    }
}
