package io.samsa.coordinator.transaction;

import io.samsa.coordinator.GroupCoordinatorTestContext;
import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.records.SerializedRecord;
import io.samsa.coordinator.runtime.CoordinatorRuntime;
import io.samsa.coordinator.runtime.InMemoryCoordinatorLog;
import io.samsa.coordinator.runtime.ManualEventExecutor;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.util.ManualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a transaction coordinator deterministically: a manual clock, a manual executor, an
 * in-memory {@code __transaction_state}, producer ids from a counter, and a marker sender that
 * holds every send until the test writes the markers ({@link #writeMarkers}). One method per API;
 * {@link #sleep} advances time and fires due timers. Not thread-safe.
 */
final class TransactionCoordinatorTestContext implements AutoCloseable {
    static final int PARTITIONS = 4;
    static final int OFFSETS_PARTITIONS = 3;

    final ManualTime time = new ManualTime();
    final ManualEventExecutor executor = new ManualEventExecutor();
    final InMemoryCoordinatorLog log = new InMemoryCoordinatorLog();
    final TransactionCoordinatorConfig config;
    final AtomicLong nextProducerId = new AtomicLong(1000);
    final List<SentMarkers> sent = new ArrayList<>();
    final TransactionCoordinatorService service;

    /** One send the coordinator asked for, with the callback that says it is done. */
    record SentMarkers(TransactionMarkers markers, Runnable onWritten) {
    }

    TransactionCoordinatorTestContext() {
        this(new TransactionCoordinatorConfig(PARTITIONS, OFFSETS_PARTITIONS, 60_000, 3_600_000, 1_000, 10_000, 1_048_588, 5_000, 1, 10));
    }

    TransactionCoordinatorTestContext(TransactionCoordinatorConfig config) {
        this.config = config;
        this.service = new TransactionCoordinatorService(config, CoordinatorRuntime.<TransactionCoordinatorShard>builder()
                .withTime(time).withExecutor(executor).withLog(log),
                (markers, onWritten) -> sent.add(new SentMarkers(markers, onWritten)), nextProducerId::getAndIncrement);
    }

    /** Loads every partition. */
    TransactionCoordinatorTestContext loadAll() {
        for (int partition = 0; partition < PARTITIONS; partition++) {
            await(service.onElection(partition));
        }
        return this;
    }

    /** Writes records as an earlier coordinator would have, before loading. */
    TransactionCoordinatorTestContext seed(TransactionMetadata... metadata) {
        for (TransactionMetadata each : metadata) {
            SerializedRecord record = TransactionLogCodec.INSTANCE.serialize(TransactionRecord.of(each));
            log.seed(service.partitionFor(each.transactionalId()), List.of(record));
        }
        return this;
    }

    <T> T await(CompletableFuture<T> future) {
        executor.runAll();
        return GroupCoordinatorTestContext.nonBlocking(future).join();
    }

    InitProducerIdResult init(String id, int timeoutMs) {
        return await(service.initProducerId(id, timeoutMs, -1, (short) -1));
    }

    InitProducerIdResult init(String id, int timeoutMs, long producerId, short epoch) {
        return await(service.initProducerId(id, timeoutMs, producerId, epoch));
    }

    ErrorCode add(String id, InitProducerIdResult producer, TopicPartition... partitions) {
        return await(service.addPartitions(id, producer.producerId(), producer.producerEpoch(), Set.of(partitions)));
    }

    ErrorCode end(String id, InitProducerIdResult producer, boolean commit) {
        return await(service.endTransaction(id, producer.producerId(), producer.producerEpoch(), commit));
    }

    DescribedTransaction describe(String id) {
        return await(service.describe(List.of(id))).get(0);
    }

    /** Writes every marker sent so far (tells the coordinator) and runs the events that follow. */
    void writeMarkers() {
        List<SentMarkers> pending = new ArrayList<>(sent);
        sent.clear();
        pending.forEach(send -> send.onWritten().run());
        executor.runAll();
    }

    void sleep(long ms) {
        time.advance(ms);
        service.runtime().fireDueTimers();
        executor.runAll();
    }

    @Override
    public void close() {
        service.close();
        executor.runAll();
    }
}
