package io.samsa.broker.topics;

import io.samsa.storage.LogConfig;
import java.util.function.Function;

/**
 * The {@code topicConfigs} function {@link io.samsa.storage.LogManager} is built with: a topic's
 * overrides from the registry over the broker-wide defaults. An unknown topic gets the defaults.
 *
 * <p>Thread-safe: reads the registry's snapshot; the defaults are immutable.
 */
public final class TopicLogConfigs implements Function<String, LogConfig> {
    private final TopicRegistry registry;
    private final LogConfig brokerDefaults;

    /**
     * @param brokerDefaults the log config from the broker's server.properties (log.* keys mapped to
     *                       topic keys), or {@link LogConfig#DEFAULT}
     */
    public TopicLogConfigs(TopicRegistry registry, LogConfig brokerDefaults) {
        this.registry = registry;
        this.brokerDefaults = brokerDefaults;
    }

    @Override
    public LogConfig apply(String topic) {
        return registry.topic(topic)
                .map(t -> t.configOverrides().isEmpty() ? brokerDefaults : brokerDefaults.with(t.configOverrides()))
                .orElse(brokerDefaults);
    }
}
