package dev.cfn.coord;

import dev.cfn.CfnException;
import dev.cfn.redis.KeyScheme;
import dev.cfn.redis.LettuceErrors;
import dev.cfn.redis.RedisConnections;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The blocking read of new stream entries (XREADGROUP ... BLOCK), on a dedicated connection so it
 * never stalls the shared one. The reply gets a grace past the block time; a connection that
 * misses it is abandoned, so a read never hangs when Redis goes away.
 */
final class RedisStreamReads {
    private static final long GRACE_MS = 1_000;

    private final RedisConnections connections;

    RedisStreamReads(RedisConnections connections) {
        this.connections = connections;
    }

    /** True for Redis's "the group does not exist" (the stream expired or was deleted). */
    static boolean isNoGroup(Throwable e) {
        return String.valueOf(e.getMessage()).contains("NOGROUP");
    }

    /**
     * Entries of {@code stream} idle longer than {@code lease} (their worker died or gave them
     * back), now {@code worker}'s: XAUTOCLAIM from the start of the pending list.
     */
    List<Delivery> reclaim(
            String worker,
            String stream,
            String type,
            int max,
            Duration lease,
            java.util.function.Consumer<String> lostGroup) {
        XAutoClaimArgs<String> args = new XAutoClaimArgs<String>()
                .consumer(Consumer.from(KeyScheme.WORKER_GROUP, worker))
                .minIdleTime(lease)
                .startId("0-0")
                .count(max);
        List<Delivery> out = new ArrayList<>();
        try {
            for (StreamMessage<String, String> m : connections
                    .await(connections.async().xautoclaim(stream, args))
                    .getMessages()) {
                out.add(new Delivery(
                        type,
                        m.getId(),
                        m.getBody() == null ? null : m.getBody().get("task"),
                        true));
            }
        } catch (CfnException e) {
            if (!isNoGroup(e)) {
                throw e;
            }
            lostGroup.accept(type);
        }
        return out;
    }

    /**
     * New entries for {@code worker}, at most {@code max} per stream, waiting up to {@code block}.
     *
     * @param typeByStream agent type by stream key; empty: waits {@code block} and returns none
     * @param lostGroup called with each type when a group is missing, so it is created again
     */
    List<Delivery> readNew(
            String worker,
            Map<String, String> typeByStream,
            int max,
            Duration block,
            java.util.function.Consumer<String> lostGroup) {
        if (typeByStream.isEmpty()) {
            LockSupport.parkNanos(block.toNanos());
            return List.of();
        }
        @SuppressWarnings("unchecked")
        XReadArgs.StreamOffset<String>[] offsets = typeByStream.keySet().stream()
                .map(XReadArgs.StreamOffset::lastConsumed)
                .toArray(XReadArgs.StreamOffset[]::new);
        XReadArgs args = XReadArgs.Builder.count(max).block(block);
        StatefulRedisConnection<String, String> connection = connections.borrowBlocking();
        boolean reusable = false;
        try {
            RedisFuture<List<StreamMessage<String, String>>> reply =
                    connection.async().xreadgroup(Consumer.from(KeyScheme.WORKER_GROUP, worker), args, offsets);
            List<StreamMessage<String, String>> messages =
                    reply.get(block.toMillis() + GRACE_MS, TimeUnit.MILLISECONDS);
            reusable = true;
            List<Delivery> out = new ArrayList<>();
            for (StreamMessage<String, String> m :
                    messages == null ? List.<StreamMessage<String, String>>of() : messages) {
                out.add(new Delivery(
                        typeByStream.get(m.getStream()), m.getId(), m.getBody().get("task"), false));
            }
            return out;
        } catch (TimeoutException e) {
            return List.of();
        } catch (ExecutionException e) {
            CfnException failure = LettuceErrors.translate(connections.safeUrl(), connections.timeout(), e);
            if (!isNoGroup(failure)) {
                throw failure;
            }
            reusable = true;
            typeByStream.values().forEach(lostGroup);
            return List.of();
        } catch (InterruptedException e) {
            throw LettuceErrors.translate(connections.safeUrl(), connections.timeout(), e);
        } finally {
            connections.release(connection, reusable);
        }
    }
}
