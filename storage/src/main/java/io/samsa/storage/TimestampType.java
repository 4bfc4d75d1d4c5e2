package io.samsa.storage;

/** The {@code message.timestamp.type} of a topic: whose clock the batch timestamps come from. */
public enum TimestampType {
    /** The producer's timestamps are kept. */
    CREATE_TIME("CreateTime"),
    /** The broker overwrites each batch's max timestamp with its append time. */
    LOG_APPEND_TIME("LogAppendTime");

    private final String configName;

    TimestampType(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** @return the type named by a config value, or null when the name is unknown */
    public static TimestampType forConfigName(String name) {
        for (TimestampType type : values()) {
            if (type.configName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
