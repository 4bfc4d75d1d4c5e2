package io.samsa.broker.transaction;

import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.transaction.TransactionMarkers;
import io.samsa.protocol.ErrorCode;
import java.util.concurrent.CompletableFuture;

/** Writes one transaction's marker into a partition this broker leads (the data module's marker writer). */
@FunctionalInterface
interface LocalMarkers {

    /** @return NONE once written (and, in {@code __consumer_offsets}, applied), else the partition's error */
    CompletableFuture<ErrorCode> write(TopicPartition partition, TransactionMarkers markers);
}
