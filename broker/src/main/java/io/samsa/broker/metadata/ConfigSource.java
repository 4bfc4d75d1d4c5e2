package io.samsa.broker.metadata;

/**
 * Where a config value comes from, with the ids DescribeConfigs (v1+) and CreateTopics (v5+)
 * put on the wire.
 */
public enum ConfigSource {
    UNKNOWN(0),
    /** A topic-level override. */
    DYNAMIC_TOPIC_CONFIG(1),
    DYNAMIC_BROKER_CONFIG(2),
    DYNAMIC_DEFAULT_BROKER_CONFIG(3),
    /** Set in the broker's server.properties. */
    STATIC_BROKER_CONFIG(4),
    /** Nobody set it: the built-in default. */
    DEFAULT_CONFIG(5),
    DYNAMIC_BROKER_LOGGER_CONFIG(6),
    DYNAMIC_CLIENT_METRICS_CONFIG(7),
    DYNAMIC_GROUP_CONFIG(8);

    private final byte id;

    ConfigSource(int id) {
        this.id = (byte) id;
    }

    /** @return the wire value */
    public byte id() {
        return id;
    }
}
