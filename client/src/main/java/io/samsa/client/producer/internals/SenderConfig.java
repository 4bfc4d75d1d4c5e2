package io.samsa.client.producer.internals;

import io.samsa.client.producer.ProducerConfig;

/**
 * The settings the {@link Sender} reads, taken once from a {@link ProducerConfig}.
 *
 * @param acks                -1 (all), 0 or 1
 * @param requestTimeoutMs    the broker's wait for acks, and the client's wait for the response
 * @param maxRequestSizeBytes bound of one Produce request (a single larger batch still goes alone)
 * @param maxInFlight         Produce requests outstanding per broker
 * @param retries             attempts after the first before a retriable error is final
 * @param retryBackoffMs      wait before a failed batch is sent again
 * @param deliveryTimeoutMs   bound from append to completion
 *
 * Immutable.
 */
public record SenderConfig(short acks, int requestTimeoutMs, int maxRequestSizeBytes, int maxInFlight, int retries,
                           long retryBackoffMs, long deliveryTimeoutMs) {

    public static SenderConfig from(ProducerConfig config) {
        return new SenderConfig(config.acks(), config.getInt(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG),
            config.getInt(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), config.getInt(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION),
            config.getInt(ProducerConfig.RETRIES_CONFIG), config.getLong(ProducerConfig.RETRY_BACKOFF_MS_CONFIG),
            config.getInt(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
    }
}
