package io.samsa.broker.admin;

import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.AlterClientQuotasRequest;
import io.samsa.protocol.message.AlterClientQuotasRequest.EntryData;
import io.samsa.protocol.message.AlterClientQuotasResponse;
import io.samsa.protocol.message.AlterClientQuotasResponse.EntityData;
import java.util.ArrayList;
import java.util.List;

/**
 * AlterClientQuotas (key 49), v0 and 1: Samsa enforces no client quota, so storing one would be a
 * promise it does not keep. Every entry (validate-only too) is answered INVALID_REQUEST with a
 * message that says so, naming its entity as Kafka's response does; nothing is changed.
 *
 * <p>Stateless; thread-safe.
 */
public final class AlterClientQuotasHandler implements SynchronousHandler<AlterClientQuotasRequest, AlterClientQuotasResponse> {
    static final String NOT_ENFORCED = "Client quotas are not supported: this broker enforces no quota, so none can be set.";

    @Override
    public ApiKey api() {
        return ApiKey.ALTER_CLIENT_QUOTAS;
    }

    @Override
    public AlterClientQuotasResponse handle(AlterClientQuotasRequest request, short apiVersion) {
        List<AlterClientQuotasResponse.EntryData> entries = new ArrayList<>(request.entries().size());
        for (EntryData entry : request.entries()) {
            List<EntityData> entity = new ArrayList<>(entry.entity().size());
            entry.entity().forEach(part -> entity.add(new EntityData()
                    .setEntityType(part.entityType()).setEntityName(part.entityName())));
            entries.add(new AlterClientQuotasResponse.EntryData().setErrorCode(ErrorCode.INVALID_REQUEST.code())
                    .setErrorMessage(NOT_ENFORCED).setEntity(entity));
        }
        return new AlterClientQuotasResponse().setThrottleTimeMs(0).setEntries(entries);
    }
}
