package io.samsa.client.common;

/**
 * What a record's timestamp means: set by the producer (CreateTime) or by the broker on append
 * (LogAppendTime). Ids and names are Kafka's. Immutable.
 */
public enum TimestampType {
    NO_TIMESTAMP_TYPE(-1, "NoTimestampType"),
    CREATE_TIME(0, "CreateTime"),
    LOG_APPEND_TIME(1, "LogAppendTime");

    public final int id;
    public final String name;

    TimestampType(int id, String name) {
        this.id = id;
        this.name = name;
    }

    public static TimestampType forName(String name) {
        for (TimestampType t : values()) {
            if (t.name.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("Invalid timestamp type " + name);
    }

    @Override
    public String toString() {
        return name;
    }
}
