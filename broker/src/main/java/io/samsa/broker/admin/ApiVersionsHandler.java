package io.samsa.broker.admin;

import io.samsa.broker.metadata.BrokerFeatures;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ApiVersionsRequest;
import io.samsa.protocol.message.ApiVersionsResponse;
import io.samsa.protocol.message.ApiVersionsResponse.ApiVersion;
import io.samsa.protocol.message.ApiVersionsResponse.FinalizedFeatureKey;
import io.samsa.protocol.message.ApiVersionsResponse.SupportedFeatureKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ApiVersions (key 18): lists the version range of every API this broker serves, from the
 * advertised table in {@link ApiKey}.
 *
 * <p><b>Fallback contract for the network layer.</b> When an ApiVersions request's version is
 * above {@link ApiKey#API_VERSIONS}'s advertised max, do not decode its body (it may be a layout
 * this broker does not know); call {@link #unsupportedVersion()} and send its
 * {@link VersionedResponse}: body encoded at v0, header v0. Clients re-parse it as v0 and retry
 * with the max listed for key 18. Within range, decode normally, call {@link #handle} and encode
 * at the request's version, but always with response header v0 (ApiVersions responses never use
 * the flexible header).
 *
 * <p>From v3 the request names the client software; both fields must match Kafka's pattern or the
 * answer is INVALID_REQUEST with no API list. From v3 the answer carries the feature flags of
 * {@link BrokerFeatures} as Kafka does: every supported feature (in v3 only those whose minimum is
 * above 0), the features finalized above level 0, and their epoch. ZkMigrationReady is left unset.
 *
 * <p>Immutable and thread-safe: the table is built once.
 */
public final class ApiVersionsHandler implements SynchronousHandler<ApiVersionsRequest, ApiVersionsResponse> {
    /** Kafka's rule for ClientSoftwareName and ClientSoftwareVersion (KIP-511). */
    private static final Pattern SOFTWARE_NAME_OR_VERSION = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9\\-.]*[a-zA-Z0-9])?");

    /** The first version whose supported-feature list includes features with minimum level 0. */
    private static final short ALL_SUPPORTED_FEATURES_VERSION = 4;
    private static final short FEATURES_VERSION = 3;

    private final List<ApiVersion> advertised;
    private final BrokerFeatures features;

    /**
     * @param served the APIs to list (those with a handler); ApiVersions itself is always listed
     */
    public ApiVersionsHandler(Collection<ApiKey> served) {
        this(served, BrokerFeatures.SAMSA);
    }

    /**
     * @param served   the APIs to list (those with a handler); ApiVersions itself is always listed
     * @param features the feature flags to report from v3
     */
    public ApiVersionsHandler(Collection<ApiKey> served, BrokerFeatures features) {
        this.features = features;
        Set<ApiKey> listed = EnumSet.of(ApiKey.API_VERSIONS);
        listed.addAll(served);
        List<ApiVersion> table = new ArrayList<>();
        listed.stream().sorted(Comparator.comparingInt(ApiKey::id)).forEach(api -> table.add(entry(api)));
        this.advertised = List.copyOf(table);
    }

    @Override
    public ApiKey api() {
        return ApiKey.API_VERSIONS;
    }

    @Override
    public ApiVersionsResponse handle(ApiVersionsRequest request, short apiVersion) {
        // Below v3 both fields are absent and decode as their empty-string defaults: nothing to check.
        if (apiVersion >= 3 && !(isValidSoftware(request.clientSoftwareName())
                && isValidSoftware(request.clientSoftwareVersion()))) {
            return new ApiVersionsResponse().setErrorCode(ErrorCode.INVALID_REQUEST.code());
        }
        ApiVersionsResponse response = new ApiVersionsResponse().setErrorCode(ErrorCode.NONE.code()).setApiKeys(copyOfTable());
        if (apiVersion >= FEATURES_VERSION) {
            addFeatures(response, apiVersion);
        }
        return response;
    }

    private void addFeatures(ApiVersionsResponse response, short apiVersion) {
        List<SupportedFeatureKey> supported = new ArrayList<>();
        List<FinalizedFeatureKey> finalized = new ArrayList<>();
        for (BrokerFeatures.Feature feature : features.features()) {
            if (apiVersion >= ALL_SUPPORTED_FEATURES_VERSION || feature.minSupported() > 0) {
                supported.add(new SupportedFeatureKey().setName(feature.name())
                        .setMinVersion(feature.minSupported()).setMaxVersion(feature.maxSupported()));
            }
            if (feature.isFinalized()) {
                finalized.add(new FinalizedFeatureKey().setName(feature.name())
                        .setMinVersionLevel(feature.finalizedLevel()).setMaxVersionLevel(feature.finalizedLevel()));
            }
        }
        response.setSupportedFeatures(supported).setFinalizedFeatures(finalized)
                .setFinalizedFeaturesEpoch(features.finalizedEpoch());
    }

    /**
     * The answer to an ApiVersions request above the advertised max: UNSUPPORTED_VERSION and this
     * broker's range for key 18, to be encoded at body v0 with header v0. See the class comment.
     */
    public VersionedResponse unsupportedVersion() {
        ApiVersionsResponse body = new ApiVersionsResponse()
                .setErrorCode(ErrorCode.UNSUPPORTED_VERSION.code())
                .setApiKeys(new ArrayList<>(List.of(entry(ApiKey.API_VERSIONS))));
        return new VersionedResponse(body, (short) 0, (short) 0);
    }

    /** @return whether a request at {@code apiVersion} needs {@link #unsupportedVersion()} */
    public static boolean isAboveMax(short apiVersion) {
        return apiVersion > ApiKey.API_VERSIONS.advertisedMax();
    }

    private static boolean isValidSoftware(String value) {
        return value != null && SOFTWARE_NAME_OR_VERSION.matcher(value).matches();
    }

    /** Fresh entries per response: generated messages are mutable, so responses must not share them. */
    private List<ApiVersion> copyOfTable() {
        List<ApiVersion> copy = new ArrayList<>(advertised.size());
        for (ApiVersion version : advertised) {
            copy.add(new ApiVersion().setApiKey(version.apiKey()).setMinVersion(version.minVersion())
                    .setMaxVersion(version.maxVersion()));
        }
        return copy;
    }

    private static ApiVersion entry(ApiKey api) {
        return new ApiVersion().setApiKey(api.id()).setMinVersion(api.advertisedMin()).setMaxVersion(api.advertisedMax());
    }
}
