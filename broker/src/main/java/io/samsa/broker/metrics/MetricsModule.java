package io.samsa.broker.metrics;

import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.broker.lifecycle.BrokerModule;
import io.samsa.protocol.util.Time;
import java.util.List;

/**
 * The broker's metrics: owns the {@link MetricsComponent} (registry, JMX, Prometheus endpoint) and
 * wraps every API handler in a {@link MeteredApiHandler} for Kafka's RequestMetrics. Serves no API
 * itself. Registered last, so it starts after storage (its gauges read the logs) and closes first.
 */
public final class MetricsModule implements BrokerModule {
    private final MetricsComponent component;
    private final BrokerTopicMetrics topics;
    private final Time time;

    public MetricsModule(MetricsComponent component, Time time) {
        this.component = component;
        this.topics = new BrokerTopicMetrics(component.registry());
        this.time = time;
    }

    /** @return the per-topic traffic meters the produce and fetch handlers feed */
    public BrokerTopicMetrics topicMetrics() {
        return topics;
    }

    /** @return the component, for its registry and the HTTP listener's port */
    public MetricsComponent component() {
        return component;
    }

    /** @return {@code handler} counted under Kafka's RequestMetrics for its API */
    public ApiHandler metered(ApiHandler handler) {
        return new MeteredApiHandler(handler, new RequestMetrics(component.registry(), handler.spec()), time);
    }

    @Override
    public List<BrokerComponent> components() {
        return List.of(component);
    }

    @Override
    public List<ApiHandler> handlers() {
        return List.of();
    }
}
