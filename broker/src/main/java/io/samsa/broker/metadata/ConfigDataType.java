package io.samsa.broker.metadata;

/**
 * The data type of a config value, with the ids DescribeConfigs (v3+) puts in config_type.
 */
public enum ConfigDataType {
    UNKNOWN(0),
    BOOLEAN(1),
    STRING(2),
    INT(3),
    SHORT(4),
    LONG(5),
    DOUBLE(6),
    LIST(7),
    CLASS(8),
    PASSWORD(9);

    private final byte id;

    ConfigDataType(int id) {
        this.id = (byte) id;
    }

    /** @return the wire value */
    public byte id() {
        return id;
    }
}
