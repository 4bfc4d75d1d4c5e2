package io.samsa.broker.api;

/**
 * What the dispatcher needs to know about one Kafka API: its key, the versions this broker serves
 * and from which version it is flexible (header v2 requests, header v1 responses).
 *
 * <p>Immutable.
 *
 * @param apiKey               the Kafka API key, e.g. 18 for ApiVersions
 * @param name                 for log lines, e.g. "ApiVersions"
 * @param minVersion           lowest served version
 * @param maxVersion           highest served version
 * @param firstFlexibleVersion first flexible version, or {@link #NEVER_FLEXIBLE}
 */
public record ApiSpec(short apiKey, String name, short minVersion, short maxVersion, short firstFlexibleVersion) {
    /** {@link #firstFlexibleVersion} of an API that is never flexible. */
    public static final short NEVER_FLEXIBLE = Short.MAX_VALUE;

    public ApiSpec {
        if (apiKey < 0 || minVersion < 0 || maxVersion < minVersion) {
            throw new IllegalArgumentException("bad API spec: key " + apiKey + " versions " + minVersion + ".." + maxVersion);
        }
    }

    /** Convenience for int literals. */
    public static ApiSpec of(int apiKey, String name, int minVersion, int maxVersion, int firstFlexibleVersion) {
        return new ApiSpec((short) apiKey, name, (short) minVersion, (short) maxVersion, (short) firstFlexibleVersion);
    }

    /** @return whether {@code version} is within [minVersion, maxVersion] */
    public boolean supports(short version) {
        return version >= minVersion && version <= maxVersion;
    }

    /** @return whether {@code version} uses flexible encoding (also true for versions above the max) */
    public boolean isFlexible(short version) {
        return version >= firstFlexibleVersion;
    }
}
