package dev.cfn.skills;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.cfn.cache.CacheSizing;
import dev.cfn.metrics.CacheCounts;
import dev.cfn.metrics.Probes;
import dev.cfn.store.ChangeEpochs;
import dev.cfn.store.Database;
import dev.cfn.store.Sql;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads the skills an agent type gets, through a Caffeine cache sized from the heap (the seed's
 * 100 entries per GB, at least 100, overridable).
 *
 * <p>Never stale: a write through this process's registry drops the cache at once, and a write
 * by another process is noticed through the registry's change epoch, re-read at most every
 * {@link #EPOCH_CHECK_NANOS} (a 1 ms window). Below it, the texts of versions (number, hash,
 * content) are kept by version id: skill_versions rows never change, so that cache needs no
 * invalidation, and a load after a write re-reads only mappings and skills. Thread-safe.
 */
public final class SkillLoader {
    static final long EPOCH_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** At most this many characters of version content are kept (less on a small heap). */
    static final long VERSION_TEXT_BYTES = 64L * 1024 * 1024;

    private final Database db;
    private final JdbcSkillStore store = new JdbcSkillStore();
    private final Cache<LoadRequest, Loaded> cache;
    /** Version texts by version id: immutable rows, so never stale and never invalidated. */
    private final Cache<Long, JdbcSkillStore.VersionText> versionTexts = Caffeine.newBuilder()
            .maximumWeight(Math.min(VERSION_TEXT_BYTES, Runtime.getRuntime().maxMemory() / 16))
            .weigher((Long id, JdbcSkillStore.VersionText text) ->
                    64 + text.content().length())
            .build();

    private final long capacity;
    private final AtomicLong lastCheck = new AtomicLong(System.nanoTime() - 2 * EPOCH_CHECK_NANOS);
    private volatile long epoch = -1;

    /**
     * @param capacity entries to keep; 0 sizes the cache from the heap
     */
    public SkillLoader(Database db, SkillRegistry registry, long capacity) {
        this.db = db;
        this.capacity = capacity > 0
                ? capacity
                : CacheSizing.entriesForHeap(Runtime.getRuntime().maxMemory());
        this.cache =
                Caffeine.newBuilder().maximumSize(this.capacity).recordStats().build();
        if (registry != null) {
            registry.onChange(this::onLocalChange);
        }
        Probes.current().skillCache(counts);
    }

    /** Held here so the probe, which holds it weakly, counts this cache while the loader lives. */
    private final CacheCounts counts = new CacheCounts() {
        @Override
        public long hits() {
            return cache.stats().hitCount();
        }

        @Override
        public long misses() {
            return cache.stats().missCount();
        }

        @Override
        public long size() {
            return cache.estimatedSize();
        }
    };

    /** Cached rows and the change epoch seen before they were read (the rows are at least that new). */
    private record Loaded(long epoch, List<LoadedSkill> skills) {}

    private void onLocalChange() {
        lastCheck.set(System.nanoTime() - 2 * EPOCH_CHECK_NANOS); // the next load re-reads the epoch
        cache.invalidateAll();
    }

    /** What an agent of the request's type gets now, required first, then priority, then name. */
    public List<LoadedSkill> load(LoadRequest request) {
        long seen = checkEpoch();
        Loaded loaded = cache.get(request, r -> new Loaded(seen, loadUncached(r)));
        if (loaded.epoch() < seen) {
            // Read before a change this thread has seen: a load that raced a commit and reached
            // the cache after invalidateAll (which does not stop in-flight loads). Read again.
            loaded = new Loaded(seen, loadUncached(request));
            cache.put(request, loaded);
        }
        return loaded.skills();
    }

    /**
     * The same as {@link #load} without the result cache (a cold load): the mappings and skills are
     * read from the database; the texts of their versions come from the version-text cache, and
     * those it lacks from the database in one more query.
     */
    public List<LoadedSkill> loadUncached(LoadRequest request) {
        return db.read(sql -> select(sql, store, request, this::texts));
    }

    /**
     * What an agent of the request's type gets now, read straight from the database with no cache
     * at all: for a process that loads once (a {@code cfn skill load}), where setting up the caches
     * would cost more than the load itself. The same rows, in the same order, as {@link #load}.
     */
    public static List<LoadedSkill> loadOnce(Database db, LoadRequest request) {
        JdbcSkillStore store = new JdbcSkillStore();
        return db.read(sql -> select(
                sql,
                store,
                request,
                (s, candidates) -> store.versionTexts(
                        s,
                        candidates.stream()
                                .map(JdbcSkillStore.LoadCandidate::versionId)
                                .toList())));
    }

    /** Where the texts of the admitted candidates' versions come from. */
    private interface Texts {
        Map<Long, JdbcSkillStore.VersionText> of(Sql sql, List<JdbcSkillStore.LoadCandidate> candidates)
                throws SQLException;
    }

    private static List<LoadedSkill> select(Sql sql, JdbcSkillStore store, LoadRequest request, Texts textSource)
            throws SQLException {
        List<JdbcSkillStore.LoadCandidate> admitted = new ArrayList<>();
        for (var candidate : store.loadCandidates(sql, request.agentType())) {
            if (candidate.conditions().admits(request.phase(), request.keywords(), request.mode())) {
                admitted.add(candidate);
            }
        }
        Map<Long, JdbcSkillStore.VersionText> texts = admitted.isEmpty() ? Map.of() : textSource.of(sql, admitted);
        List<LoadedSkill> out = new ArrayList<>(admitted.size());
        for (var candidate : admitted) {
            var text = texts.get(candidate.versionId());
            if (text != null) {
                out.add(new LoadedSkill(
                        candidate.name(),
                        text.version(),
                        text.contentHash(),
                        text.content(),
                        candidate.priority(),
                        candidate.required()));
            }
        }
        return List.copyOf(out);
    }

    private Map<Long, JdbcSkillStore.VersionText> texts(Sql sql, List<JdbcSkillStore.LoadCandidate> candidates)
            throws SQLException {
        Map<Long, JdbcSkillStore.VersionText> found = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        for (var candidate : candidates) {
            var text = versionTexts.getIfPresent(candidate.versionId());
            if (text != null) {
                found.put(candidate.versionId(), text);
            } else {
                missing.add(candidate.versionId());
            }
        }
        if (!missing.isEmpty()) {
            var fetched = store.versionTexts(sql, missing);
            versionTexts.putAll(fetched);
            found.putAll(fetched);
        }
        return found;
    }

    /** The newest change epoch this loader knows, re-read from the database at most every 1 ms. */
    private long checkEpoch() {
        long now = System.nanoTime();
        long last = lastCheck.get();
        if (now - last < EPOCH_CHECK_NANOS || !lastCheck.compareAndSet(last, now)) {
            return epoch;
        }
        long current = db.read(sql -> ChangeEpochs.read(sql, ChangeEpochs.SKILLS));
        if (current != epoch) {
            cache.invalidateAll();
            epoch = current;
        }
        return current;
    }

    public void invalidateAll() {
        cache.invalidateAll();
    }

    public CacheStats stats() {
        return cache.stats();
    }

    public long size() {
        return cache.estimatedSize();
    }

    public long capacity() {
        return capacity;
    }
}
