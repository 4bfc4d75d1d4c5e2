package io.samsa.broker.admin;

import io.samsa.broker.metadata.TopicCreationDefaults;
import io.samsa.metadata.controller.api.CreatableTopic;
import io.samsa.metadata.quorum.MetadataQuorum;
import io.samsa.metadata.rpc.ControllerRpcs;
import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Auto-creation in cluster mode, as Kafka's broker does it: forwards a CreateTopics with {@code
 * num.partitions} and {@code default.replication.factor} to the active controller and answers
 * LEADER_NOT_AVAILABLE at once; the client retries Metadata and sees the topic once this node's
 * image holds it. One creation per name is in flight at a time. Never waits: the forward
 * completes on the quorum's threads. Thread-safe.
 */
final class ControllerAutoCreator implements TopicAutoCreator {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerAutoCreator.class);

    private final Supplier<MetadataQuorum> quorum;
    private final TopicCreationDefaults defaults;
    private final long timeoutMs;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /** @param timeoutMs how long a forwarded creation may take ({@code request.timeout.ms}) */
    ControllerAutoCreator(Supplier<MetadataQuorum> quorum, TopicCreationDefaults defaults, long timeoutMs) {
        this.quorum = quorum;
        this.defaults = defaults;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public ErrorCode create(String name) {
        if (inFlight.add(name)) {
            CreatableTopic topic = CreatableTopic.of(name, defaults.numPartitions(), defaults.defaultReplicationFactor());
            quorum.get().forward(ControllerRpcs.createTopics(List.of(topic), false), timeoutMs)
                    .whenComplete((results, error) -> {
                        inFlight.remove(name);
                        if (error != null) {
                            LOG.info("auto-creation of topic {} failed: {}", name, error.getMessage());
                        } else if (results.get(0).error().isError()
                                && results.get(0).error().error() != ErrorCode.TOPIC_ALREADY_EXISTS) {
                            LOG.info("auto-creation of topic {} refused: {}", name, results.get(0).error().message());
                        }
                    });
        }
        return ErrorCode.LEADER_NOT_AVAILABLE;
    }
}
