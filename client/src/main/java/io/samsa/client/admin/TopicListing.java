package io.samsa.client.admin;

import io.samsa.protocol.types.Uuid;

/** One topic of a listing. Immutable. */
public record TopicListing(String name, Uuid topicId, boolean internal) {
}
