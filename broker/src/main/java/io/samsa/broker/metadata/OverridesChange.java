package io.samsa.broker.metadata;

import io.samsa.broker.metadata.ConfigAlteration.Outcome;
import java.util.Map;

/**
 * A resource's config overrides before and after the operations of one IncrementalAlterConfigs
 * resource, checked, or why they were refused (then both maps are empty). Immutable.
 */
public record OverridesChange(Outcome outcome, Map<String, String> before, Map<String, String> after) {
    public OverridesChange {
        before = Map.copyOf(before);
        after = Map.copyOf(after);
    }

    public static OverridesChange refused(Outcome outcome) {
        return new OverridesChange(outcome, Map.of(), Map.of());
    }

    /** @return whether the change was accepted and changes something */
    public boolean changes() {
        return outcome.ok() && !before.equals(after);
    }
}
