package io.samsa.metadata.controller.api;

/**
 * @param isFenced       whether the broker is fenced once this heartbeat's records apply
 * @param shouldShutDown whether the broker may finish its controlled shutdown
 */
public record BrokerHeartbeatResponse(ApiError error, boolean isFenced, boolean shouldShutDown) {
}
