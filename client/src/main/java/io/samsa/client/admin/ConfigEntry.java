package io.samsa.client.admin;

/**
 * One config of a described resource. Immutable.
 *
 * @param value null for a sensitive config
 */
public record ConfigEntry(String name, String value, Source source, boolean readOnly, boolean sensitive) {

    /** Whether the value is the built-in default. */
    public boolean isDefault() {
        return source == Source.DEFAULT_CONFIG;
    }

    /** Where a value comes from, with DescribeConfigs' wire ids. */
    public enum Source {
        UNKNOWN(-1), DYNAMIC_TOPIC_CONFIG(1), DYNAMIC_BROKER_CONFIG(2), DYNAMIC_DEFAULT_BROKER_CONFIG(3),
        STATIC_BROKER_CONFIG(4), DEFAULT_CONFIG(5), DYNAMIC_BROKER_LOGGER_CONFIG(6), CLIENT_METRICS_CONFIG(7),
        GROUP_CONFIG(8);

        private final int id;

        Source(int id) {
            this.id = id;
        }

        public static Source forId(int id) {
            for (Source source : values()) {
                if (source.id == id) {
                    return source;
                }
            }
            return UNKNOWN;
        }
    }
}
