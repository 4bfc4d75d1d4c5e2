package io.samsa.broker;

import io.samsa.broker.admin.AlterClientQuotasHandler;
import io.samsa.broker.admin.CreateAclsHandler;
import io.samsa.broker.admin.DeleteAclsHandler;
import io.samsa.broker.admin.DescribeAclsHandler;
import io.samsa.broker.admin.DescribeClientQuotasHandler;
import io.samsa.broker.admin.DescribeLogDirsHandler;
import io.samsa.broker.admin.MessageApiHandler;
import io.samsa.broker.admin.ReplicaHighWatermark;
import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.broker.lifecycle.BrokerModule;
import io.samsa.broker.storage.StorageComponent;
import java.util.List;

/**
 * The admin APIs operators' tools need beyond topics and groups: DescribeLogDirs over the
 * storage, the ACL APIs (no authorizer: SECURITY_DISABLED) and the client-quota APIs (no quota
 * configured). Owns no component; thread-safe.
 */
public final class OperationsModule implements BrokerModule {
    private final BrokerConfig config;
    private final StorageComponent storage;

    public OperationsModule(BrokerConfig config, StorageComponent storage) {
        this.config = config;
        this.storage = storage;
    }

    @Override
    public List<BrokerComponent> components() {
        return List.of();
    }

    @Override
    public List<ApiHandler> handlers() {
        return List.of(
                new MessageApiHandler<>(new DescribeLogDirsHandler(config.logDirs(), storage::logs, ReplicaHighWatermark.SINGLE_NODE)),
                new MessageApiHandler<>(new DescribeAclsHandler()),
                new MessageApiHandler<>(new CreateAclsHandler()),
                new MessageApiHandler<>(new DeleteAclsHandler()),
                new MessageApiHandler<>(new DescribeClientQuotasHandler()),
                new MessageApiHandler<>(new AlterClientQuotasHandler()));
    }
}
