package io.samsa.broker.api;

/**
 * A decoded request header (v1 or v2; tagged fields are skipped).
 *
 * <p>Immutable.
 *
 * @param apiKey        the API key
 * @param apiVersion    the request's version
 * @param correlationId echoed in the response header
 * @param clientId      the client id; a null client id on the wire is ""
 * @param headerVersion 1 or 2
 */
public record RequestHeader(short apiKey, short apiVersion, int correlationId, String clientId, short headerVersion) {
}
