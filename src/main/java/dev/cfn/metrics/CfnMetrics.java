package dev.cfn.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The process's metric registry, rendered in the Prometheus text format, and the {@link Probe}
 * that records cfn's own metrics into it. Created by a long-running command ({@code cfn serve});
 * one-shot commands create none, so they load no Micrometer class. Thread-safe.
 */
public final class CfnMetrics implements AutoCloseable {
    /** How often Redis {@code INFO memory} is polled. */
    public static final Duration REDIS_POLL = Duration.ofSeconds(15);

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final MicrometerProbe probe;
    private RedisMemoryPoller redisMemory;

    private CfnMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.probe = new MicrometerProbe(registry, registry.getPrometheusRegistry());
    }

    /** A registry with the JVM and process metrics bound. */
    public static CfnMetrics create() {
        CfnMetrics metrics = new CfnMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        MeterRegistry r = metrics.registry;
        new JvmMemoryMetrics().bindTo(r);
        metrics.gc.bindTo(r);
        new JvmThreadMetrics().bindTo(r);
        new ClassLoaderMetrics().bindTo(r);
        new ProcessorMetrics().bindTo(r);
        new UptimeMetrics().bindTo(r);
        new FileDescriptorMetrics().bindTo(r);
        return metrics;
    }

    /** The probe recording into this registry; {@link #install()} makes it the process's. */
    public Probe probe() {
        return probe;
    }

    /**
     * Makes {@link #probe()} the process's {@link Probes#current() probe}; {@link #close()} puts
     * back {@link Probe#NONE}. Install before creating what reports through it: caches and pools
     * register their gauges when they are created.
     */
    public CfnMetrics install() {
        Probes.install(probe);
        return this;
    }

    /**
     * Exports Redis {@code used_memory} and {@code maxmemory}, read by {@code source} every {@code
     * every} on a background thread (the first read at once). Call at most once.
     */
    public synchronized void watchRedisMemory(MemoryReading.Source source, Duration every) {
        if (redisMemory != null) {
            throw new IllegalStateException("Redis memory is already watched");
        }
        redisMemory = new RedisMemoryPoller(registry, source, every);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Every metric in the Prometheus text exposition format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        Probes.uninstall(probe);
        synchronized (this) {
            if (redisMemory != null) {
                redisMemory.close();
            }
        }
        gc.close();
        registry.close();
    }
}
