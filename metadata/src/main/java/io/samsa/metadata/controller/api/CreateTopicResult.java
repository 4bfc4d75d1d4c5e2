package io.samsa.metadata.controller.api;

import io.samsa.protocol.types.Uuid;

/** One topic's answer to CreateTopics; id {@link Uuid#ZERO} and counts -1 on error. */
public record CreateTopicResult(String name, Uuid topicId, ApiError error, int numPartitions,
                                short replicationFactor) {
}
