package io.samsa.client.admin.internals;

import io.samsa.client.internals.metadata.ClusterMetadata;
import io.samsa.client.internals.metadata.CoordinatorLookup;
import io.samsa.client.internals.network.NetworkClient;

/**
 * What every admin operation needs: the network, one-off metadata lookups, coordinator lookups, and
 * the timing settings.
 *
 * @param defaultApiTimeoutMs how long an operation (retries included) may take
 * @param requestTimeoutMs    the timeout passed to brokers for operations they wait on (CreateTopics, ...)
 * @param retryBackoffMs      first wait before a retry
 * @param retryBackoffMaxMs   cap of the exponential retry backoff
 *
 * Immutable; thread-safe as its parts are.
 */
public record AdminContext(NetworkClient network, ClusterMetadata metadata, CoordinatorLookup coordinators,
                           long defaultApiTimeoutMs, long requestTimeoutMs, long retryBackoffMs, long retryBackoffMaxMs) {

    public long nowMs() {
        return network.time().milliseconds();
    }
}
