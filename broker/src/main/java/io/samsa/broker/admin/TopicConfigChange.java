package io.samsa.broker.admin;

import io.samsa.broker.metadata.ConfigAlteration.Outcome;
import java.util.Map;

/**
 * A topic's config overrides before and after an IncrementalAlterConfigs resource, or why it was
 * refused (then both maps are empty). Immutable.
 */
record TopicConfigChange(Outcome outcome, Map<String, String> before, Map<String, String> after) {
    TopicConfigChange {
        before = Map.copyOf(before);
        after = Map.copyOf(after);
    }

    static TopicConfigChange refused(Outcome outcome) {
        return new TopicConfigChange(outcome, Map.of(), Map.of());
    }
}
