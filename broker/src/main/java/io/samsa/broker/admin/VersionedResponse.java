package io.samsa.broker.admin;

import io.samsa.protocol.types.ApiMessage;
import java.util.Objects;

/**
 * A response body with the versions to encode it at, for the one case where those are not the
 * request's: ApiVersions above the broker's max is answered with a v0 body and a v0 header.
 *
 * <p>Immutable (the body is not copied; do not modify it after handing it over).
 *
 * @param body          the response body
 * @param bodyVersion   the version to encode the body at
 * @param headerVersion the response header version (0: correlation id only)
 */
public record VersionedResponse(ApiMessage body, short bodyVersion, short headerVersion) {

    public VersionedResponse {
        Objects.requireNonNull(body, "body");
    }
}
