package io.samsa.broker.transaction;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.BrokerConfigKeys;
import io.samsa.coordinator.transaction.TransactionCoordinatorConfig;

/** Builds the transaction coordinator's settings from the broker's keys. Stateless. */
final class TransactionCoordinatorConfigs {
    /** How often the coordinator's timers are looked at, ms (the group coordinator's tick too). */
    static final long TIMER_TICK_MS = 10;

    private TransactionCoordinatorConfigs() {
    }

    /**
     * @param stateTopicPartitions   the partition count of {@code __transaction_state} as it exists
     * @param offsetsTopicPartitions the partition count of {@code __consumer_offsets}
     */
    static TransactionCoordinatorConfig from(BrokerConfig config, int stateTopicPartitions, int offsetsTopicPartitions) {
        return new TransactionCoordinatorConfig(stateTopicPartitions, offsetsTopicPartitions,
                config.get(BrokerConfigKeys.TRANSACTION_MAX_TIMEOUT_MS),
                config.get(BrokerConfigKeys.TRANSACTIONAL_ID_EXPIRATION_MS),
                config.get(BrokerConfigKeys.TRANSACTION_ABORT_TIMED_OUT_CLEANUP_INTERVAL_MS),
                config.get(BrokerConfigKeys.TRANSACTION_REMOVE_EXPIRED_CLEANUP_INTERVAL_MS),
                // one operation's records form one batch of the topic, so they obey the batch limit
                config.get(BrokerConfigKeys.MESSAGE_MAX_BYTES),
                config.get(BrokerConfigKeys.OFFSETS_COMMIT_TIMEOUT_MS),
                config.get(BrokerConfigKeys.GROUP_COORDINATOR_THREADS),
                TIMER_TICK_MS);
    }
}
