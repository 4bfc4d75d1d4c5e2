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
 */
public record ConfigValue(String name, String value, ConfigSource source, boolean sensitive) {

    public ConfigValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
    }
}
