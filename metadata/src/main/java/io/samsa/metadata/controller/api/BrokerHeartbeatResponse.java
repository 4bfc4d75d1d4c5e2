package io.samsa.metadata.controller.api;

/**
 * @param isCaughtUp     whether the broker has applied the metadata log up to its own registration
 * @param isFenced       whether the broker is fenced once this heartbeat's records apply
 * @param shouldShutDown whether the broker may finish its controlled shutdown
 */
public record BrokerHeartbeatResponse(ApiError error, boolean isCaughtUp, boolean isFenced, boolean shouldShutDown) {
}
