package io.samsa.broker;

import io.samsa.broker.cluster.ClusterMembership;
import io.samsa.broker.data.produce.ProducerIdBlockSource;
import io.samsa.metadata.rpc.ControllerRpcs;
import java.util.concurrent.CompletableFuture;

/**
 * Producer id blocks from the active controller: AllocateProducerIds forwarded through this node's
 * metadata quorum with the broker's id and registration epoch (the controller refuses a stale
 * epoch, so a fenced-off incarnation gets no ids). Thread-safe; never blocks.
 */
final class ControllerProducerIdBlocks implements ProducerIdBlockSource {
    private final ClusterMembership membership;
    private final int brokerId;
    private final long timeoutMs;

    ControllerProducerIdBlocks(ClusterMembership membership, int brokerId, long timeoutMs) {
        this.membership = membership;
        this.brokerId = brokerId;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public CompletableFuture<Block> requestBlock() {
        long brokerEpoch = membership.brokerEpoch();
        if (brokerEpoch < 0 || membership.quorum() == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("broker " + brokerId + " is not registered yet"));
        }
        return membership.quorum().forward(ControllerRpcs.allocateProducerIds(brokerId, brokerEpoch), timeoutMs)
                .thenApply(answer -> {
                    if (answer.error().isError()) {
                        throw new IllegalStateException("the controller refused a producer id block: " + answer.error().message());
                    }
                    return new Block(answer.firstProducerId(), answer.size());
                });
    }
}
