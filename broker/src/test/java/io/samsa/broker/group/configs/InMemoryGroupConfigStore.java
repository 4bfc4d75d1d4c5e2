package io.samsa.broker.group.configs;

import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link GroupConfigStore} in memory, for tests that do not restart. Not thread-safe. */
public final class InMemoryGroupConfigStore implements GroupConfigStore {
    private Map<String, Map<String, String>> saved = Map.of();

    @Override
    public Map<String, Map<String, String>> load() {
        return saved;
    }

    @Override
    public void save(Map<String, Map<String, String>> overrides) {
        saved = new LinkedHashMap<>(overrides);
    }
}
