package dev.cfn.redis;

import dev.cfn.InvalidInputException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.Collection;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * The Lettuce connections of one Redis URL: one shared connection for ordinary commands (thread
 * safe, pipelined: commands are sent without waiting for earlier replies), whose commands time out
 * after the command timeout; and a pool of dedicated connections for blocking waits, which have no
 * command timeout because the wait bounds them itself. Both reconnect with exponential backoff
 * (20 ms doubling to 1 s). Password and TLS come from the URL ({@code redis://:pw@host},
 * {@code rediss://host}); the command timeout from its {@code timeout} parameter (default 2 s).
 */
public final class RedisConnections implements AutoCloseable {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /**
     * Idle blocking connections kept for reuse. A fan-in keeps one wait per agent in flight; with 8
     * kept, `cfn loadtest --agents 100` reconnected ~600 times in 5 s, each connect costing a TCP
     * handshake and HELLO on the wait's path. An idle connection costs one socket and ~20 KiB in Redis.
     */
    private static final int MAX_IDLE_BLOCKING = 128;

    private final RedisURI uri;
    private final String safeUrl;
    private final Duration timeout;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisClient blockingClient;
    private final Deque<StatefulRedisConnection<String, String>> idle = new ConcurrentLinkedDeque<>();
    private StatefulRedisConnection<String, String> shared;
    private volatile boolean closed;

    private RedisConnections(RedisURI uri, String safeUrl) {
        this.uri = uri;
        this.safeUrl = safeUrl;
        this.timeout = uri.getTimeout();
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(20), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        client.setOptions(options(TimeoutOptions.enabled(timeout)));
        this.blockingClient = RedisClient.create(resources);
        blockingClient.setOptions(
                options(TimeoutOptions.builder().timeoutCommands(false).build()));
    }

    /**
     * Connects the shared connection.
     *
     * @throws InvalidInputException if the URL is malformed or the credentials are rejected
     * @throws dev.cfn.RetriableException if Redis cannot be reached within the timeout
     */
    public static RedisConnections open(String url) {
        String safeUrl = withoutPassword(url);
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (RuntimeException e) {
            throw new InvalidInputException("--redis " + safeUrl + " is not a valid Redis URL: " + e.getMessage());
        }
        if (!url.matches(".*[?&]timeout=.*")) {
            uri.setTimeout(DEFAULT_TIMEOUT);
        }
        RedisConnections connections = new RedisConnections(uri, safeUrl);
        try {
            connections.shared = connections.client.connect(StringCodec.UTF8, uri);
            return connections;
        } catch (RuntimeException e) {
            connections.close();
            throw LettuceErrors.translate(safeUrl, connections.timeout, e);
        }
    }

    /** The URL with any user and password replaced by {@code ***}. */
    static String withoutPassword(String url) {
        return url == null ? "" : url.replaceAll("//[^@/]*@", "//***@");
    }

    public String safeUrl() {
        return safeUrl;
    }

    public Duration timeout() {
        return timeout;
    }

    public boolean isClosed() {
        return closed;
    }

    public RedisAsyncCommands<String, String> async() {
        return shared.async();
    }

    /** Waits for one reply of the shared connection, translating failures. */
    public <T> T await(RedisFuture<T> future) {
        try {
            return future.get(timeout.toMillis() + 100, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            future.cancel(false);
            throw LettuceErrors.translate(safeUrl, timeout, e);
        }
    }

    /** Waits for every reply of a pipelined batch, translating the first failure. */
    public void awaitAll(Collection<? extends RedisFuture<?>> futures) {
        for (RedisFuture<?> future : futures) {
            await(future);
        }
    }

    /** The database number the URL selects (0 unless it names one). */
    public int database() {
        return uri.getDatabase();
    }

    /**
     * A new publish/subscribe connection (the caller closes it), e.g. for keyspace notifications.
     *
     * @throws dev.cfn.RetriableException if Redis cannot be reached
     */
    public io.lettuce.core.pubsub.StatefulRedisPubSubConnection<String, String> connectPubSub() {
        try {
            return blockingClient.connectPubSub(StringCodec.UTF8, uri);
        } catch (RuntimeException e) {
            throw LettuceErrors.translate(safeUrl, timeout, e);
        }
    }

    /** A connection for one blocking wait; give it back with {@link #release}. */
    public StatefulRedisConnection<String, String> borrowBlocking() {
        StatefulRedisConnection<String, String> connection = idle.pollFirst();
        if (connection != null) {
            return connection;
        }
        try {
            return blockingClient.connect(StringCodec.UTF8, uri);
        } catch (RuntimeException e) {
            throw LettuceErrors.translate(safeUrl, timeout, e);
        }
    }

    /**
     * @param reusable false when a command may still be pending on it (a wait gave up on its reply):
     *     the connection is closed so no later wait inherits a stale reply
     */
    public void release(StatefulRedisConnection<String, String> connection, boolean reusable) {
        if (reusable && !closed && connection.isOpen() && idle.size() < MAX_IDLE_BLOCKING) {
            idle.addFirst(connection);
        } else if (connection.isOpen()) {
            connection.closeAsync();
        }
    }

    private ClientOptions options(TimeoutOptions timeouts) {
        return ClientOptions.builder()
                .autoReconnect(true)
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(timeout)
                        .keepAlive(true)
                        .build())
                .timeoutOptions(timeouts)
                .build();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        StatefulRedisConnection<String, String> connection;
        while ((connection = idle.pollFirst()) != null) {
            connection.close();
        }
        if (shared != null) {
            shared.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        blockingClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
