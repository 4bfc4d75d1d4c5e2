package io.samsa.coordinator.transaction;

/**
 * The transaction coordinator's settings, Kafka's keys in brackets. Immutable; thread-safe.
 *
 * @param stateTopicPartitions   partitions of {@code __transaction_state} (transaction.state.log.num.partitions)
 * @param offsetsTopicPartitions partitions of {@code __consumer_offsets}, to name a group's partition in AddOffsetsToTxn
 * @param maxTimeoutMs           the largest transaction timeout a producer may ask for, ms (transaction.max.timeout.ms)
 * @param idExpirationMs         how long an idle transactional id is kept, ms (transactional.id.expiration.ms)
 * @param abortCheckIntervalMs   how often timed-out transactions are looked for, ms
 *                               (transaction.abort.timed.out.transaction.cleanup.interval.ms)
 * @param expirationCheckIntervalMs how often expired ids are looked for, ms
 *                               (transaction.remove.expired.transaction.cleanup.interval.ms)
 * @param maxWriteBytes          the largest write one operation may append, bytes
 * @param appendTimeoutMs        how long an append may take before its answer fails, ms
 * @param threads                coordinator event threads
 * @param timerTickMs            how often due timers are looked for, ms
 */
public record TransactionCoordinatorConfig(int stateTopicPartitions, int offsetsTopicPartitions, int maxTimeoutMs,
                                           long idExpirationMs, long abortCheckIntervalMs, long expirationCheckIntervalMs,
                                           int maxWriteBytes, long appendTimeoutMs, int threads, long timerTickMs) {
    public static final int DEFAULT_STATE_TOPIC_PARTITIONS = 50;
    public static final int DEFAULT_MAX_TIMEOUT_MS = 900_000;
    public static final long DEFAULT_ID_EXPIRATION_MS = 604_800_000L;
    public static final long DEFAULT_ABORT_CHECK_INTERVAL_MS = 10_000;
    public static final long DEFAULT_EXPIRATION_CHECK_INTERVAL_MS = 3_600_000;

    public TransactionCoordinatorConfig {
        if (stateTopicPartitions <= 0 || offsetsTopicPartitions <= 0 || maxTimeoutMs <= 0 || idExpirationMs <= 0
                || abortCheckIntervalMs <= 0 || expirationCheckIntervalMs <= 0 || maxWriteBytes <= 0 || appendTimeoutMs <= 0
                || threads <= 0 || timerTickMs <= 0) {
            throw new IllegalArgumentException("transaction coordinator settings must be positive: " + this);
        }
    }

    /** @return Kafka's defaults for a coordinator over {@code stateTopicPartitions} and {@code offsetsTopicPartitions} */
    public static TransactionCoordinatorConfig defaults(int stateTopicPartitions, int offsetsTopicPartitions) {
        return new TransactionCoordinatorConfig(stateTopicPartitions, offsetsTopicPartitions, DEFAULT_MAX_TIMEOUT_MS,
                DEFAULT_ID_EXPIRATION_MS, DEFAULT_ABORT_CHECK_INTERVAL_MS, DEFAULT_EXPIRATION_CHECK_INTERVAL_MS,
                1_048_588, 5_000, 1, 10);
    }
}
