package io.samsa.metadata.controller.api;

import io.samsa.protocol.types.Uuid;

/** One topic's answer to CreatePartitions or DeleteTopics. */
public record TopicResult(String name, Uuid topicId, ApiError error) {
}
