package io.samsa.client.internals.network;

import io.samsa.client.errors.Errors;
import io.samsa.client.errors.KafkaException;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.ApiVersionsRequest;
import io.samsa.protocol.message.ApiVersionsResponse;
import io.samsa.protocol.types.ByteBufferReadable;
import io.samsa.protocol.types.DecodeLimits;
import java.nio.ByteBuffer;

/**
 * The first exchange on every connection: ApiVersions at the highest version this client knows,
 * then, if the broker answers UNSUPPORTED_VERSION, again at the version the broker advertises for
 * ApiVersions itself (0 when it lists none), always strictly lower than the last try so the
 * exchange ends. A broker that does not know the version we sent answers with a v0-layout body, so
 * a response that does not parse at the sent version is re-parsed as v0 (COMPATIBILITY.md section 2).
 *
 * <p>Stateless; thread-safe.
 */
public final class ApiVersionsHandshake {
    /** Reported as client_software_name from v3 on; must match Kafka's [a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?. */
    public static final String SOFTWARE_NAME = "samsa-java";
    public static final String SOFTWARE_VERSION = "0.1.0";

    private ApiVersionsHandshake() {
    }

    /** What to do after a response. */
    public sealed interface Outcome {
    }

    /** The broker's ranges are known; the connection is ready. */
    public record Ready(NodeApiVersions versions) implements Outcome {
    }

    /** Send ApiVersions again at {@code version}. */
    public record Retry(short version) implements Outcome {
    }

    /** Give up on this connection. */
    public record Failed(KafkaException error) implements Outcome {
    }

    /** The version of the first try. */
    public static short firstVersion() {
        return NodeApiVersions.clientMaxVersion(ApiMessageType.API_VERSIONS);
    }

    /** The request body for {@code version}. */
    public static ApiVersionsRequest request(short version) {
        ApiVersionsRequest request = new ApiVersionsRequest();
        if (version >= 3) {
            request.setClientSoftwareName(SOFTWARE_NAME).setClientSoftwareVersion(SOFTWARE_VERSION);
        }
        return request;
    }

    /**
     * Reads a response body (after the v0 response header) to a request sent at {@code sentVersion}.
     *
     * @param body the bytes after the correlation id; read from a duplicate, not modified
     */
    public static Outcome onResponse(ByteBuffer body, short sentVersion) {
        ApiVersionsResponse response;
        try {
            response = new ApiVersionsResponse(new ByteBufferReadable(body.duplicate(), DecodeLimits.DEFAULT), sentVersion);
        } catch (RuntimeException atSentVersion) {
            if (sentVersion == 0) {
                return new Failed(new KafkaException("unparseable ApiVersions v0 response", atSentVersion));
            }
            try {
                response = new ApiVersionsResponse(new ByteBufferReadable(body.duplicate(), DecodeLimits.DEFAULT), (short) 0);
            } catch (RuntimeException atV0) {
                return new Failed(new KafkaException("unparseable ApiVersions response to v" + sentVersion, atV0));
            }
        }
        return onResponse(response, sentVersion);
    }

    /** Decides from a decoded response. */
    public static Outcome onResponse(ApiVersionsResponse response, short sentVersion) {
        ErrorCode error = ErrorCode.forCode(response.errorCode());
        if (error == ErrorCode.NONE) {
            return new Ready(NodeApiVersions.fromResponse(response));
        }
        if (error == ErrorCode.UNSUPPORTED_VERSION && sentVersion > 0) {
            short advertisedMax = 0;
            for (ApiVersionsResponse.ApiVersion version : response.apiKeys()) {
                if (version.apiKey() == ApiMessageType.API_VERSIONS.apiKey()) {
                    advertisedMax = version.maxVersion();
                }
            }
            return new Retry((short) Math.max(0, Math.min(advertisedMax, sentVersion - 1)));
        }
        return new Failed(Errors.toException(error, "ApiVersions v" + sentVersion + " failed: " + error.message()));
    }
}
