package io.samsa.broker.metrics;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.LockFreeExponentiallyDecayingReservoir;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import io.samsa.broker.api.ApiSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Kafka's {@code kafka.network:type=RequestMetrics} for one API: {@code RequestsPerSec} per
 * version ({@code ,request=<Api>,version=<v>}), and the {@code TotalTimeMs} and
 * {@code RequestQueueTimeMs} histograms ({@code ,request=<Api>}), in milliseconds as Kafka's.
 * Histograms use Dropwizard's lock-free decaying reservoir. Thread-safe.
 */
public final class RequestMetrics {
    static final String DOMAIN = "kafka.network";
    static final String TYPE = "RequestMetrics";

    private final MetricRegistry registry;
    private final String api;
    private final AtomicReferenceArray<Meter> requestsByVersion;
    private final Histogram totalTimeMs;
    private final Histogram queueTimeMs;

    public RequestMetrics(MetricRegistry registry, ApiSpec spec) {
        this.registry = registry;
        this.api = spec.name();
        this.requestsByVersion = new AtomicReferenceArray<>(spec.maxVersion() + 1);
        this.totalTimeMs = histogram("TotalTimeMs");
        this.queueTimeMs = histogram("RequestQueueTimeMs");
    }

    /** One request of {@code version} reached its handler after waiting {@code queueNs} for an I/O thread. */
    public void started(short version, long queueNs) {
        requests(version).mark();
        queueTimeMs.update(queueNs / 1_000_000);
    }

    /** The handler's answer is ready {@code totalNs} after the request was read. */
    public void completed(long totalNs) {
        totalTimeMs.update(totalNs / 1_000_000);
    }

    private Meter requests(short version) {
        int index = Math.max(0, Math.min(version, requestsByVersion.length() - 1)); // out-of-range versions (ApiVersions) share the top slot
        Meter meter = requestsByVersion.get(index);
        if (meter == null) {
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("request", api);
            tags.put("version", Short.toString(version));
            meter = registry.meter(KafkaMetricName.of(DOMAIN, TYPE, "RequestsPerSec", tags)); // registry returns the one already there
            requestsByVersion.compareAndSet(index, null, meter);
        }
        return meter;
    }

    private Histogram histogram(String name) {
        return registry.histogram(KafkaMetricName.of(DOMAIN, TYPE, name, Map.of("request", api)),
                () -> new Histogram(LockFreeExponentiallyDecayingReservoir.builder().build()));
    }
}
