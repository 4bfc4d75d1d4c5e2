package io.samsa.client.internals.network;

import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.types.ApiMessage;
import java.util.function.IntFunction;

/**
 * A request before its version is known: the API, the version range the caller can build, and a
 * builder called with the negotiated version. Requests whose fields differ by version
 * (FindCoordinator v0-3 versus v4+, OffsetFetch v0-7 versus v8+) fill the right fields in the builder.
 *
 * <p>Immutable when the builder is; the builder runs on the network thread.
 *
 * @param type       the API
 * @param minVersion lowest version the builder can produce (inclusive)
 * @param maxVersion highest version the caller wants (inclusive)
 * @param builder    makes the request body for the chosen version
 * @param expectsResponse false only for requests the broker never answers (Produce with acks=0);
 *                   their future completes with null once the request is written
 */
public record ClientRequest(ApiMessageType type, short minVersion, short maxVersion, IntFunction<ApiMessage> builder,
                            boolean expectsResponse) {

    public ClientRequest(ApiMessageType type, short minVersion, short maxVersion, IntFunction<ApiMessage> builder) {
        this(type, minVersion, maxVersion, builder, true);
    }

    /** This request without a response: it takes no in-flight slot and its future completes on write. */
    public ClientRequest withoutResponse() {
        return new ClientRequest(type, minVersion, maxVersion, builder, false);
    }

    /** Any version this client implements; the body is the same for every version. */
    public static ClientRequest of(ApiMessage body) {
        ApiMessageType type = ApiMessageType.fromApiKey(body.apiKey());
        return new ClientRequest(type, type.lowestSupportedVersion(), type.highestSupportedVersion(), v -> body);
    }

    /** A body that fits versions {@code minVersion} to {@code maxVersion} as it is. */
    public static ClientRequest of(ApiMessage body, int minVersion, int maxVersion) {
        ApiMessageType type = ApiMessageType.fromApiKey(body.apiKey());
        return new ClientRequest(type, (short) minVersion, (short) maxVersion, v -> body);
    }

    /** A body built per version. */
    public static ClientRequest build(ApiMessageType type, int minVersion, int maxVersion, IntFunction<ApiMessage> builder) {
        return new ClientRequest(type, (short) minVersion, (short) maxVersion, builder);
    }
}
