package io.samsa.broker.metadata;

import java.util.Objects;

/**
 * The value a topic-level config takes when the topic does not override it, and the broker-level
 * key it comes from (its synonym in DescribeConfigs, e.g. {@code log.retention.ms} for
 * {@code retention.ms}).
 *
 * <p>Immutable.
 *
 * @param name          the topic-level key
 * @param value         the default value as text (null when there is none)
 * @param source        {@link ConfigSource#STATIC_BROKER_CONFIG} when server.properties set the
 *                      broker key, else {@link ConfigSource#DEFAULT_CONFIG}
 * @param brokerSynonym the broker-level key the default comes from
 * @param type          the value's data type
 */
public record TopicConfigDefault(String name, String value, ConfigSource source, String brokerSynonym, ConfigDataType type) {

    public TopicConfigDefault {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(brokerSynonym, "brokerSynonym");
        Objects.requireNonNull(type, "type");
    }
}
