package io.samsa.client.consumer.internals;

import java.util.Optional;

/**
 * The group settings of a consumer, read once from its config.
 *
 * @param groupId             group.id
 * @param groupInstanceId     group.instance.id (static membership) if set
 * @param sessionTimeoutMs    session.timeout.ms
 * @param rebalanceTimeoutMs  max.poll.interval.ms, sent as the JoinGroup rebalance timeout
 * @param heartbeatIntervalMs heartbeat.interval.ms
 * @param retryBackoffMs      retry.backoff.ms
 *
 * Immutable.
 */
public record GroupSettings(String groupId, Optional<String> groupInstanceId, int sessionTimeoutMs, int rebalanceTimeoutMs,
                            int heartbeatIntervalMs, long retryBackoffMs) {
}
