package io.samsa.client.admin;

/**
 * One group of a listing. Immutable.
 *
 * @param state the group state as the broker names it ("Stable", "Empty", ...); empty before ListGroups v4
 * @param simpleConsumerGroup true when the group has no protocol type (offsets committed without membership)
 */
public record ConsumerGroupListing(String groupId, String state, String protocolType, boolean simpleConsumerGroup) {
}
