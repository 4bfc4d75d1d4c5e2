package io.samsa.broker.data.produce;

import io.samsa.broker.lifecycle.BrokerComponent;

/**
 * Where InitProducerId takes producer ids from: a single node's own durable blocks
 * ({@link ProducerIdAllocator}) or, in a cluster, blocks from the controller
 * ({@link QuorumProducerIdAllocator}). Either way an id is never handed out twice, by any broker,
 * in this or any earlier run. Implementations are thread-safe.
 */
public interface ProducerIdSource extends BrokerComponent {

    /** Returned by {@link #nextId} while no id is at hand. */
    long NONE = -1;

    /**
     * Never waits for the network: when the current block is used up and the next has not arrived,
     * answers {@link #NONE} and the caller gives the client a retriable error.
     *
     * @return a producer id never handed out before, or {@link #NONE}
     */
    long nextId();
}
