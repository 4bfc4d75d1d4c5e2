package io.samsa.broker.metrics;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import io.samsa.broker.data.partitions.TopicTrafficListener;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Kafka's BrokerTopicMetrics, all-topics and per topic, fed by the produce and fetch handlers once
 * per partition append or read. A topic's meters are created on its first traffic and then found
 * with one lock-free map read. Thread-safe.
 */
public final class BrokerTopicMetrics implements TopicTrafficListener {
    private final MetricRegistry registry;
    private final TopicMeters all;
    private final ConcurrentMap<String, TopicMeters> topics = new ConcurrentHashMap<>();

    public BrokerTopicMetrics(MetricRegistry registry) {
        this.registry = registry;
        this.all = new TopicMeters(registry, null);
    }

    @Override
    public void produced(String topic, long records, long bytes) {
        TopicMeters one = topic(topic);
        mark(one, m -> m.totalProduceRequests, 1);
        mark(one, m -> m.messagesIn, records);
        mark(one, m -> m.bytesIn, bytes);
    }

    @Override
    public void produceFailed(String topic) {
        TopicMeters one = topic(topic);
        mark(one, m -> m.totalProduceRequests, 1);
        mark(one, m -> m.failedProduceRequests, 1);
    }

    @Override
    public void fetched(String topic, long bytes) {
        TopicMeters one = topic(topic);
        mark(one, m -> m.totalFetchRequests, 1);
        mark(one, m -> m.bytesOut, bytes);
    }

    @Override
    public void fetchFailed(String topic) {
        TopicMeters one = topic(topic);
        mark(one, m -> m.totalFetchRequests, 1);
        mark(one, m -> m.failedFetchRequests, 1);
    }

    /** Marks {@code which} meter both all-topics and for {@code one} topic (the lambdas capture nothing: no allocation). */
    private void mark(TopicMeters one, Function<TopicMeters, Meter> which, long count) {
        which.apply(all).mark(count);
        which.apply(one).mark(count);
    }

    private TopicMeters topic(String topic) {
        TopicMeters found = topics.get(topic);
        return found != null ? found : topics.computeIfAbsent(topic, t -> new TopicMeters(registry, t));
    }
}
