package io.samsa.coordinator.transaction;

import io.samsa.coordinator.runtime.TimerKey;

/** The periodic checks of a transaction shard. */
enum TransactionTimerKey implements TimerKey {
    /** Aborts transactions open longer than their timeout. */
    ABORT_TIMED_OUT,
    /** Removes transactional ids idle longer than transactional.id.expiration.ms. */
    EXPIRE_IDS
}
