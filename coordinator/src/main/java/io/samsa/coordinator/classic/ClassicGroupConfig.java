package io.samsa.coordinator.classic;

/**
 * The settings the classic-group protocol reads (a view of the coordinator's config, so this
 * package does not depend on it). Immutable; thread-safe.
 *
 * @param groupMinSessionTimeoutMs     group.min.session.timeout.ms
 * @param groupMaxSessionTimeoutMs     group.max.session.timeout.ms
 * @param groupInitialRebalanceDelayMs group.initial.rebalance.delay.ms
 * @param groupMaxSize                 group.max.size
 * @param groupSyncGraceMs             group.classic.sync.grace.ms (Samsa)
 */
public record ClassicGroupConfig(int groupMinSessionTimeoutMs, int groupMaxSessionTimeoutMs, int groupInitialRebalanceDelayMs,
                                 int groupMaxSize, int groupSyncGraceMs) {
}
