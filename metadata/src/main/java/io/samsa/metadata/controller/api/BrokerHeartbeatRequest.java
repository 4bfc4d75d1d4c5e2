package io.samsa.metadata.controller.api;

/**
 * Kafka's BrokerHeartbeat request.
 *
 * @param brokerId              the broker's id
 * @param brokerEpoch           the epoch its registration got
 * @param currentMetadataOffset the metadata log offset the broker has applied
 * @param wantFence             true while the broker is not ready to serve (it stays or becomes fenced)
 * @param wantShutDown          true when the broker shuts down: it is fenced and its leaderships move
 */
public record BrokerHeartbeatRequest(int brokerId, long brokerEpoch, long currentMetadataOffset, boolean wantFence,
                                     boolean wantShutDown) {
}
