package io.samsa.broker.admin;

import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.DescribeClientQuotasRequest;
import io.samsa.protocol.message.DescribeClientQuotasRequest.ComponentData;
import io.samsa.protocol.message.DescribeClientQuotasResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * DescribeClientQuotas (key 48), v0 and 1: no client quota is configured on this broker, so a valid
 * filter matches nothing and the answer is an empty entry list. A malformed filter is
 * INVALID_REQUEST with the reason, as Kafka answers it: an unknown match type, a match string where
 * the match type takes none (or none where it needs one), an entity type other than Kafka's
 * {@code user}, {@code client-id} and {@code ip}, or an entity type named twice.
 *
 * <p>Stateless; thread-safe.
 */
public final class DescribeClientQuotasHandler implements SynchronousHandler<DescribeClientQuotasRequest, DescribeClientQuotasResponse> {
    /** Kafka's match types. */
    static final byte MATCH_EXACT = 0;
    static final byte MATCH_DEFAULT = 1;
    static final byte MATCH_SPECIFIED = 2;

    /** Kafka's client quota entity types. */
    static final Set<String> ENTITY_TYPES = Set.of("user", "client-id", "ip");

    @Override
    public ApiKey api() {
        return ApiKey.DESCRIBE_CLIENT_QUOTAS;
    }

    @Override
    public DescribeClientQuotasResponse handle(DescribeClientQuotasRequest request, short apiVersion) {
        DescribeClientQuotasResponse response = new DescribeClientQuotasResponse().setThrottleTimeMs(0);
        Optional<String> problem = filterProblem(request);
        if (problem.isPresent()) {
            return response.setErrorCode(ErrorCode.INVALID_REQUEST.code()).setErrorMessage(problem.get()).setEntries(null);
        }
        return response.setErrorCode(ErrorCode.NONE.code()).setErrorMessage(null).setEntries(new ArrayList<>());
    }

    private static Optional<String> filterProblem(DescribeClientQuotasRequest request) {
        Set<String> seen = new HashSet<>();
        for (ComponentData component : request.components()) {
            byte matchType = component.matchType();
            if (matchType < MATCH_EXACT || matchType > MATCH_SPECIFIED) {
                return Optional.of("Unexpected match type: " + matchType);
            }
            if (matchType == MATCH_EXACT && component.match() == null) {
                return Optional.of("Unexpected null match for exact match type");
            }
            if (matchType != MATCH_EXACT && component.match() != null) {
                return Optional.of("Unexpected match for " + (matchType == MATCH_DEFAULT ? "default" : "specified")
                        + " match type");
            }
            if (!ENTITY_TYPES.contains(component.entityType())) {
                return Optional.of("Custom entity type '" + component.entityType() + "' not supported");
            }
            if (!seen.add(component.entityType())) {
                return Optional.of("Duplicate " + component.entityType() + " filter component entity type");
            }
        }
        return Optional.empty();
    }
}
