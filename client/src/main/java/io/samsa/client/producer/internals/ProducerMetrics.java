package io.samsa.client.producer.internals;

import io.samsa.client.common.Metric;
import io.samsa.client.common.MetricName;
import io.samsa.protocol.util.Time;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The producer's metrics under Kafka's names (group {@code producer-metrics}, tag {@code client-id}):
 * record-send-rate/total, record-error-rate/total, record-retry-rate/total, batch-size-avg/max, request-latency-avg/max,
 * records-per-request-avg, compression-rate-avg, request-rate/total and buffer-available-bytes.
 * Windows are two 30 s samples, as Kafka's defaults.
 *
 * <p>Thread-safe: the sender records, any thread reads.
 */
public final class ProducerMetrics {
    private static final String GROUP = "producer-metrics";
    private static final long SAMPLE_MS = 30_000;

    private final WindowedStat recordsSent;
    private final WindowedStat recordErrors;
    private final WindowedStat batchSize;
    private final WindowedStat compressionRate;
    private final WindowedStat requestLatency;
    private final WindowedStat recordsPerRequest;
    private final WindowedStat requests;
    private final WindowedStat retries;
    private final Map<MetricName, Metric> metrics = new LinkedHashMap<>();
    private final Map<String, String> tags;

    public ProducerMetrics(String clientId, Time time, BufferPool pool) {
        this.tags = Map.of("client-id", clientId);
        recordsSent = new WindowedStat(time, SAMPLE_MS);
        recordErrors = new WindowedStat(time, SAMPLE_MS);
        batchSize = new WindowedStat(time, SAMPLE_MS);
        compressionRate = new WindowedStat(time, SAMPLE_MS);
        requestLatency = new WindowedStat(time, SAMPLE_MS);
        recordsPerRequest = new WindowedStat(time, SAMPLE_MS);
        requests = new WindowedStat(time, SAMPLE_MS);
        retries = new WindowedStat(time, SAMPLE_MS);
        add("record-send-rate", "The average number of records sent per second.", recordsSent::ratePerSecond);
        add("record-send-total", "The total number of records sent.", recordsSent::total);
        add("record-error-rate", "The average per-second number of record sends that resulted in errors.", recordErrors::ratePerSecond);
        add("record-error-total", "The total number of record sends that resulted in errors.", recordErrors::total);
        add("record-retry-rate", "The average per-second number of retried record sends.", retries::ratePerSecond);
        add("record-retry-total", "The total number of retried record sends.", retries::total);
        add("batch-size-avg", "The average number of bytes sent per partition per-request.", batchSize::average);
        add("batch-size-max", "The max number of bytes sent per partition per-request.", batchSize::max);
        add("compression-rate-avg", "The average compression rate of record batches.", compressionRate::average);
        add("request-latency-avg", "The average request latency in ms.", requestLatency::average);
        add("request-latency-max", "The maximum request latency in ms.", requestLatency::max);
        add("records-per-request-avg", "The average number of records per request.", recordsPerRequest::average);
        add("request-rate", "The number of produce requests sent per second.", requests::ratePerSecond);
        add("request-total", "The total number of produce requests sent.", requests::total);
        add("buffer-available-bytes", "The total amount of buffer memory that is not being used.", () -> (double) pool.availableBytes());
        add("buffer-total-bytes", "The maximum amount of buffer memory the client can use.", () -> (double) pool.totalBytes());
    }

    private void add(String name, String description, DoubleSupplier value) {
        MetricName metricName = new MetricName(name, GROUP, description, tags);
        metrics.put(metricName, new Metric() {
            @Override
            public MetricName metricName() {
                return metricName;
            }

            @Override
            public Object metricValue() {
                return value.getAsDouble();
            }
        });
    }

    /** A produce request left with {@code records} records. */
    public void recordRequest(int records) {
        recordsPerRequest.record(records);
        requests.record(1);
    }

    /** A batch was sent: its size on the wire and its size before compression. */
    public void recordBatch(int sizeBytes, long uncompressedBytes) {
        batchSize.record(sizeBytes);
        if (uncompressedBytes > 0) {
            compressionRate.record((double) sizeBytes / uncompressedBytes);
        }
    }

    public void recordLatency(long latencyMs) {
        requestLatency.record(latencyMs);
    }

    public void recordSent(int records) {
        recordsSent.record(records);
    }

    public void recordRetries(int records) {
        retries.record(records);
    }

    public void recordErrors(int records) {
        recordErrors.record(records);
    }

    public Map<MetricName, Metric> metrics() {
        return Collections.unmodifiableMap(metrics);
    }
}
