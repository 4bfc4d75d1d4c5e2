package io.samsa.broker.group.configs;

import java.util.Map;

/**
 * Where the per-group config overrides live across restarts. The single-node broker keeps them in a
 * file beside the topic registry ({@link FileGroupConfigStore}); the cluster work moves them into
 * its metadata log behind this same interface.
 *
 * <p>Implementations need not be thread-safe: {@link GroupConfigManager} serialises writes.
 */
public interface GroupConfigStore {

    /** @return every group's overrides as saved last (group id to config name to value); empty when none */
    Map<String, Map<String, String>> load();

    /**
     * Replaces the saved overrides with {@code overrides}, durably, before returning.
     *
     * @throws java.io.UncheckedIOException when the disk refuses; the previous state is then intact
     */
    void save(Map<String, Map<String, String>> overrides);
}
