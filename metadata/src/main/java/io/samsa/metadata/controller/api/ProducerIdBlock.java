package io.samsa.metadata.controller.api;

/**
 * AllocateProducerIds' answer: producer ids {@code [firstProducerId, firstProducerId + size)}.
 *
 * @param error           an error, then the block is -1/0
 */
public record ProducerIdBlock(ApiError error, long firstProducerId, int size) {
}
