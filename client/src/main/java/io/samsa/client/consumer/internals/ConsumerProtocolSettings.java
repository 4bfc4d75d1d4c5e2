package io.samsa.client.consumer.internals;

import java.util.Optional;

/**
 * The settings of a consumer-protocol (KIP-848) member, read once from its config.
 *
 * @param group          group.id, group.instance.id, max.poll.interval.ms (sent as the rebalance
 *                       timeout, ms) and retry.backoff.ms (the session timeout and heartbeat
 *                       interval fields are unused: the broker decides them)
 * @param rackId         client.rack, if set
 * @param serverAssignor group.remote.assignor, if set (else the broker's default, uniform)
 *
 * Immutable.
 */
public record ConsumerProtocolSettings(GroupSettings group, Optional<String> rackId, Optional<String> serverAssignor) {
}
