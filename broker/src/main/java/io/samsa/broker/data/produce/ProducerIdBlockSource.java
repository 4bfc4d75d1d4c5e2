package io.samsa.broker.data.produce;

import java.util.concurrent.CompletableFuture;

/**
 * Asks the controller for the next block of producer ids (AllocateProducerIds). Thread-safe;
 * never blocks: the answer comes as a future, completed on any thread.
 */
@FunctionalInterface
public interface ProducerIdBlockSource {

    /**
     * The ids {@code [firstId, firstId + size)}, handed to this broker alone.
     *
     * @param firstId the first id of the block
     * @param size    how many ids it holds, at least one
     */
    record Block(long firstId, int size) {
        public Block {
            if (firstId < 0 || size <= 0) {
                throw new IllegalArgumentException("not a producer id block: " + firstId + "+" + size);
            }
        }

        long endId() {
            return firstId + size;
        }
    }

    /** @return the next block; exceptionally when the controller refused or could not be reached */
    CompletableFuture<Block> requestBlock();
}
