package io.samsa.broker.replication;

import io.samsa.protocol.ErrorCode;
import io.samsa.storage.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A controller for tests: records every AlterPartition and answers it when the test says so
 * (or at once, with {@link #autoCommit}), bumping the partition epoch. Thread-safe.
 */
final class FakeController implements AlterPartitionSender {
    record Call(TopicPartition partition, IsrChange change, CompletableFuture<IsrChangeResult> answer) {
    }

    private final List<Call> calls = new ArrayList<>();
    private volatile boolean autoCommit;

    FakeController autoCommit(boolean on) {
        this.autoCommit = on;
        return this;
    }

    @Override
    public synchronized CompletableFuture<IsrChangeResult> alterPartition(TopicPartition partition, IsrChange change) {
        Call call = new Call(partition, change, new CompletableFuture<>());
        calls.add(call);
        if (autoCommit) {
            commit(call);
        }
        return call.answer();
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized Call last() {
        return calls.get(calls.size() - 1);
    }

    static void commit(Call call) {
        call.answer().complete(IsrChangeResult.committed(call.change().leaderEpoch(), call.change().newIsr(),
                call.change().partitionEpoch() + 1));
    }

    static void refuse(Call call) {
        call.answer().complete(IsrChangeResult.failed(ErrorCode.INVALID_UPDATE_VERSION));
    }
}
