package io.samsa.broker.transaction;

import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.transaction.TransactionMarkers;
import io.samsa.protocol.ErrorCode;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Writes one transaction's markers into partitions another broker leads (WriteTxnMarkers). */
@FunctionalInterface
interface RemoteMarkers {

    /**
     * @return each partition's error as the leader answered (a partition it did not answer for, or
     *         every partition when the broker could not be reached, has a retriable error); never
     *         completes exceptionally
     */
    CompletableFuture<Map<TopicPartition, ErrorCode>> write(int brokerId, TransactionMarkers markers,
                                                           Collection<TopicPartition> partitions);

    /** No other brokers (a single node). */
    RemoteMarkers NONE = (brokerId, markers, partitions) -> {
        throw new IllegalStateException("no other brokers to write markers to");
    };
}
