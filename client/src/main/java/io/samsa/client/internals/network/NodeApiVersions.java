package io.samsa.client.internals.network;

import io.samsa.client.errors.UnsupportedVersionException;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.ApiVersionsResponse;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The API version ranges one broker advertised in its ApiVersions response, and the choice of the
 * version to use for each request: the highest version both this client and the broker support.
 * A version this client marks unstable (the schema's latest version when it is still in development)
 * is never chosen.
 *
 * <p>Immutable; thread-safe.
 */
public final class NodeApiVersions {
    private final Map<Short, VersionRange> brokerRanges;

    /** One advertised range, inclusive at both ends. */
    public record VersionRange(short min, short max) {
    }

    public NodeApiVersions(Map<Short, VersionRange> brokerRanges) {
        this.brokerRanges = Collections.unmodifiableMap(new HashMap<>(brokerRanges));
    }

    /** The ranges of an ApiVersions response; keys this client does not know are kept but never used. */
    public static NodeApiVersions fromResponse(ApiVersionsResponse response) {
        Map<Short, VersionRange> ranges = new HashMap<>();
        for (ApiVersionsResponse.ApiVersion version : response.apiKeys()) {
            ranges.put(version.apiKey(), new VersionRange(version.minVersion(), version.maxVersion()));
        }
        return new NodeApiVersions(ranges);
    }

    /** The broker's range for an API, or null when the broker does not advertise it. */
    public VersionRange brokerRange(short apiKey) {
        return brokerRanges.get(apiKey);
    }

    /** The highest stable version this client implements for {@code type}. */
    public static short clientMaxVersion(ApiMessageType type) {
        short highest = type.highestSupportedVersion();
        return type.latestVersionUnstable() ? (short) (highest - 1) : highest;
    }

    /**
     * The version to send: the highest both sides support within the caller's bounds.
     *
     * @param minVersion lowest version the caller can build (inclusive)
     * @param maxVersion highest version the caller wants (inclusive)
     * @throws UnsupportedVersionException when the ranges do not meet
     */
    public short latestUsableVersion(ApiMessageType type, short minVersion, short maxVersion) {
        VersionRange broker = brokerRanges.get(type.apiKey());
        if (broker == null) {
            throw new UnsupportedVersionException("The broker does not support " + type.displayName());
        }
        int low = Math.max(Math.max(minVersion, type.lowestSupportedVersion()), broker.min());
        int high = Math.min(Math.min(maxVersion, clientMaxVersion(type)), broker.max());
        if (low > high) {
            throw new UnsupportedVersionException("The broker supports " + type.displayName() + " versions "
                + broker.min() + " to " + broker.max() + ", but this request needs " + minVersion + " to "
                + Math.min(maxVersion, clientMaxVersion(type)));
        }
        return (short) high;
    }

    @Override
    public String toString() {
        return "NodeApiVersions" + brokerRanges;
    }
}
