package io.samsa.metadata.controller.api;

import io.samsa.metadata.image.ConfigResource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The dynamic config changes of one resource, as the receiving broker computed and validated them
 * from an IncrementalAlterConfigs request: each key set to a value, or deleted (empty). Immutable.
 */
public record ConfigChange(ConfigResource resource, Map<String, Optional<String>> changes) {
    public ConfigChange {
        Objects.requireNonNull(resource, "resource");
        changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
    }

    /**
     * @return the changes that turn the overrides {@code before} into {@code after}: keys whose value
     *         differs are set, keys no longer present are deleted
     */
    public static ConfigChange between(ConfigResource resource, Map<String, String> before, Map<String, String> after) {
        Map<String, Optional<String>> changes = new LinkedHashMap<>();
        after.forEach((key, value) -> {
            if (!value.equals(before.get(key))) {
                changes.put(key, Optional.of(value));
            }
        });
        before.keySet().forEach(key -> {
            if (!after.containsKey(key)) {
                changes.put(key, Optional.empty());
            }
        });
        return new ConfigChange(resource, changes);
    }
}
