package io.samsa.client.consumer.internals;

/**
 * The fetch settings of a consumer, read once from its config.
 *
 * @param minBytes               fetch.min.bytes
 * @param maxBytes               fetch.max.bytes (per request)
 * @param maxWaitMs              fetch.max.wait.ms
 * @param maxPartitionBytes      max.partition.fetch.bytes
 * @param maxPollRecords         max.poll.records
 * @param readCommitted          isolation.level=read_committed
 * @param checkCrcs              check.crcs
 * @param requestTimeoutMs       request.timeout.ms, to which the broker's wait is added
 *
 * Immutable.
 */
public record FetchSettings(int minBytes, int maxBytes, int maxWaitMs, int maxPartitionBytes, int maxPollRecords,
                            boolean readCommitted, boolean checkCrcs, long requestTimeoutMs) {
}
