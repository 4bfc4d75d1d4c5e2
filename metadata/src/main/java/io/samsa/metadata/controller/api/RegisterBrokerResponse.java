package io.samsa.metadata.controller.api;

/** @param brokerEpoch the epoch of the registration, -1 on error */
public record RegisterBrokerResponse(ApiError error, long brokerEpoch) {
}
