package io.samsa.broker.metrics;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kafka's {@code kafka.server:type=BrokerTopicMetrics} meters for one scope: all topics (no tag)
 * or one topic ({@code ,topic=<t>}). Meters are lock-free; thread-safe.
 */
final class TopicMeters {
    static final String DOMAIN = "kafka.server";
    static final String TYPE = "BrokerTopicMetrics";

    final Meter messagesIn;
    final Meter bytesIn;
    final Meter bytesOut;
    final Meter totalProduceRequests;
    final Meter failedProduceRequests;
    final Meter totalFetchRequests;
    final Meter failedFetchRequests;

    /** @param topic null for the all-topics meters */
    TopicMeters(MetricRegistry registry, String topic) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (topic != null) {
            tags.put("topic", topic);
        }
        messagesIn = registry.meter(KafkaMetricName.of(DOMAIN, TYPE, "MessagesInPerSec", tags));
        bytesIn = registry.meter(KafkaMetricName.of(DOMAIN, TYPE, "BytesInPerSec", tags));
        bytesOut = registry.meter(KafkaMetricName.of(DOMAIN, TYPE, "BytesOutPerSec", tags));
        totalProduceRequests = registry.meter(KafkaMetricName.of(DOMAIN, TYPE, "TotalProduceRequestsPerSec", tags));
        failedProduceRequests = registry.meter(KafkaMetricName.of(DOMAIN, TYPE, "FailedProduceRequestsPerSec", tags));
        totalFetchRequests = registry.meter(KafkaMetricName.of(DOMAIN, TYPE, "TotalFetchRequestsPerSec", tags));
        failedFetchRequests = registry.meter(KafkaMetricName.of(DOMAIN, TYPE, "FailedFetchRequestsPerSec", tags));
    }
}
