package io.samsa.broker.metadata;

import java.util.Objects;

/**
 * One described config: its name, current value and where the value comes from.
 *
 * <p>Immutable.
 *
 * @param name      config key, e.g. {@code retention.ms} or {@code num.partitions}
 * @param value     the value as text; null when unset
 * @param source    where the value comes from
 * @param sensitive whether the value must be hidden (sent as null), e.g. passwords
 * @param type      the value's data type (DescribeConfigs v3+), UNKNOWN when not known
 */
public record ConfigValue(String name, String value, ConfigSource source, boolean sensitive, ConfigDataType type) {

    public ConfigValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
    }

    /** A value of unknown data type. */
    public ConfigValue(String name, String value, ConfigSource source, boolean sensitive) {
        this(name, value, source, sensitive, ConfigDataType.UNKNOWN);
    }
}
