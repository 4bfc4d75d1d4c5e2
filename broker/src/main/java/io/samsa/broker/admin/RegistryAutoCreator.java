package io.samsa.broker.admin;

import io.samsa.broker.metadata.TopicCreationDefaults;
import io.samsa.broker.topics.TopicException;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.protocol.ErrorCode;
import java.util.Map;

/**
 * Auto-creation on a one-broker cluster: the registry create is synchronous and durable and the
 * storage listener has opened the logs before it returns, so the topic is returned at once with
 * its partitions and no error (instead of Kafka's LEADER_NOT_AVAILABLE on first sight, which only
 * costs clients a retry). A replication factor above 1 cannot be met: INVALID_REPLICATION_FACTOR.
 * Thread-safe: creates through the registry's serialised writes.
 */
final class RegistryAutoCreator implements TopicAutoCreator {
    private final TopicRegistry registry;
    private final TopicCreationDefaults defaults;

    RegistryAutoCreator(TopicRegistry registry, TopicCreationDefaults defaults) {
        this.registry = registry;
        this.defaults = defaults;
    }

    @Override
    public ErrorCode create(String name) {
        if (SingleNodeReplication.replicationFactorProblem(defaults.defaultReplicationFactor()).isPresent()) {
            return ErrorCode.INVALID_REPLICATION_FACTOR;
        }
        try {
            registry.create(name, defaults.numPartitions(), Map.of());
            return ErrorCode.NONE;
        } catch (TopicException e) {
            // Another request created it between the lookup and this create: describe it.
            return e.error() == ErrorCode.TOPIC_ALREADY_EXISTS && registry.topic(name).isPresent()
                    ? ErrorCode.NONE : e.error();
        }
    }
}
