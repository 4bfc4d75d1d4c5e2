package io.samsa.protocol.header;

import io.samsa.protocol.message.ApiMessageType;

/**
 * Which header layout goes with a request or response: request header v2 and response header v1
 * exactly when the API version is flexible, with one exception each way for ApiVersions:
 *
 * <ul>
 *   <li>an ApiVersions request of v3 or above uses header v2 even when the version is newer than
 *       any Samsa knows, so the broker can read the correlation id and answer with its fallback;</li>
 *   <li>an ApiVersions response always uses header v0, because a client that sent a version the
 *       broker does not know must still be able to read it.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class HeaderVersions {
    static final short API_VERSIONS_KEY = 18;
    static final short API_VERSIONS_FIRST_FLEXIBLE = 3;

    private HeaderVersions() {
    }

    /**
     * @return 2 (flexible) or 1 for a known API and version
     * @throws IllegalArgumentException when the API key is unknown, or the version unknown for any
     *                                  API but ApiVersions
     */
    public static short requestHeaderVersion(short apiKey, short apiVersion) {
        if (apiKey == API_VERSIONS_KEY) {
            return apiVersion >= API_VERSIONS_FIRST_FLEXIBLE ? (short) 2 : (short) 1;
        }
        ApiMessageType type = typeOf(apiKey);
        if (!type.isVersionSupported(apiVersion)) {
            throw new IllegalArgumentException(type.displayName() + " has no version " + apiVersion);
        }
        return type.isRequestFlexible(apiVersion) ? (short) 2 : (short) 1;
    }

    /** @return 1 (flexible) or 0; always 0 for ApiVersions */
    public static short responseHeaderVersion(short apiKey, short apiVersion) {
        if (apiKey == API_VERSIONS_KEY) {
            return 0;
        }
        ApiMessageType type = typeOf(apiKey);
        return type.isResponseFlexible(apiVersion) ? (short) 1 : (short) 0;
    }

    private static ApiMessageType typeOf(short apiKey) {
        ApiMessageType type = ApiMessageType.fromApiKey(apiKey);
        if (type == null) {
            throw new IllegalArgumentException("unknown api key " + apiKey);
        }
        return type;
    }
}
