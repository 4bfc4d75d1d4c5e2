package io.samsa.broker.data.fetch;

import io.samsa.protocol.message.FetchResponse;

/**
 * One read of a Fetch request's partitions.
 *
 * @param response the response to send (session id still 0)
 * @param bytes    record bytes in it
 * @param anyError whether a partition carries an error (answered at once, as Kafka does)
 */
public record FetchResult(FetchResponse response, long bytes, boolean anyError) {
}
