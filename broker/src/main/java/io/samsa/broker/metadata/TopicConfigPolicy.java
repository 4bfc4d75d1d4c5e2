package io.samsa.broker.metadata;

import java.util.List;
import java.util.Map;

/**
 * Port to storage's topic-level configuration: which keys exist, their defaults, and whether a set
 * of overrides is valid. {@code io.samsa.broker.topics.LogConfigTopicConfigPolicy} implements it
 * over {@code io.samsa.storage.LogConfig}.
 *
 * <p>Implementations must be thread-safe.
 */
public interface TopicConfigPolicy {

    /**
     * @param overrides topic-level key/value pairs as a client sent them
     * @return empty when valid, else a message naming the first unknown or bad key
     */
    java.util.Optional<String> invalidReason(Map<String, String> overrides);

    /** @return every topic-level key with its default, sorted by name */
    List<TopicConfigDefault> defaults();
}
