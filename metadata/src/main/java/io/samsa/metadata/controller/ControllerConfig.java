package io.samsa.metadata.controller;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The active controller's settings, with Kafka's keys where Kafka has the concept. Immutable.
 *
 * @param sessionTimeoutMs        {@code broker.session.timeout.ms}: a broker with no heartbeat for
 *                                this long is fenced (default 9000)
 * @param uncleanLeaderElection   {@code unclean.leader.election.enable}: whether a replica outside
 *                                the ISR may become leader when no ISR member is live (default false)
 * @param defaultPartitions       {@code num.partitions} (default 1)
 * @param defaultReplicationFactor {@code default.replication.factor} (default 1)
 * @param producerIdBlockSize     {@code controller.producer.id.block.size} (Samsa's; Kafka fixes
 *                                1000): producer ids per AllocateProducerIds block
 * @param maxPartitionsPerRequest {@code controller.max.partitions.per.request} (Samsa's; Kafka fixes
 *                                10000): partitions one CreateTopics/CreatePartitions may create
 * @param allowedBrokerIds        {@code controller.allowed.broker.ids} (Samsa's): the node ids that may
 *                                register; empty allows any
 */
public record ControllerConfig(long sessionTimeoutMs, boolean uncleanLeaderElection, int defaultPartitions,
                               short defaultReplicationFactor, int producerIdBlockSize, int maxPartitionsPerRequest,
                               Set<Integer> allowedBrokerIds) {
    public static final String SESSION_TIMEOUT_MS = "broker.session.timeout.ms";
    public static final long SESSION_TIMEOUT_MS_DEFAULT = 9_000;
    public static final String UNCLEAN_LEADER_ELECTION = "unclean.leader.election.enable";
    public static final String DEFAULT_PARTITIONS = "num.partitions";
    public static final String DEFAULT_REPLICATION_FACTOR = "default.replication.factor";
    public static final String PRODUCER_ID_BLOCK_SIZE = "controller.producer.id.block.size";
    public static final int PRODUCER_ID_BLOCK_SIZE_DEFAULT = 1000;
    public static final String MAX_PARTITIONS_PER_REQUEST = "controller.max.partitions.per.request";
    public static final int MAX_PARTITIONS_PER_REQUEST_DEFAULT = 10_000;
    public static final String ALLOWED_BROKER_IDS = "controller.allowed.broker.ids";

    public ControllerConfig {
        if (sessionTimeoutMs <= 0 || defaultPartitions <= 0 || defaultReplicationFactor <= 0
                || producerIdBlockSize <= 0 || maxPartitionsPerRequest <= 0) {
            throw new IllegalArgumentException("controller limits must be positive");
        }
        allowedBrokerIds = Set.copyOf(allowedBrokerIds);
    }

    /** Kafka's defaults. */
    public static ControllerConfig defaults() {
        return new ControllerConfig(SESSION_TIMEOUT_MS_DEFAULT, false, 1, (short) 1, PRODUCER_ID_BLOCK_SIZE_DEFAULT,
                MAX_PARTITIONS_PER_REQUEST_DEFAULT, Set.of());
    }

    /** Reads the keys above from broker-style properties; absent keys take their defaults. */
    public static ControllerConfig fromProperties(Map<String, String> props) {
        Set<Integer> allowed = new TreeSet<>();
        String ids = props.getOrDefault(ALLOWED_BROKER_IDS, "").trim();
        if (!ids.isEmpty()) {
            for (String id : ids.split(",")) {
                allowed.add(Integer.parseInt(id.trim()));
            }
        }
        return new ControllerConfig(
                Long.parseLong(props.getOrDefault(SESSION_TIMEOUT_MS, Long.toString(SESSION_TIMEOUT_MS_DEFAULT))),
                Boolean.parseBoolean(props.getOrDefault(UNCLEAN_LEADER_ELECTION, "false")),
                Integer.parseInt(props.getOrDefault(DEFAULT_PARTITIONS, "1")),
                Short.parseShort(props.getOrDefault(DEFAULT_REPLICATION_FACTOR, "1")),
                Integer.parseInt(props.getOrDefault(PRODUCER_ID_BLOCK_SIZE, Integer.toString(PRODUCER_ID_BLOCK_SIZE_DEFAULT))),
                Integer.parseInt(props.getOrDefault(MAX_PARTITIONS_PER_REQUEST,
                        Integer.toString(MAX_PARTITIONS_PER_REQUEST_DEFAULT))),
                allowed);
    }

    public ControllerConfig withUncleanLeaderElection(boolean enabled) {
        return new ControllerConfig(sessionTimeoutMs, enabled, defaultPartitions, defaultReplicationFactor,
                producerIdBlockSize, maxPartitionsPerRequest, allowedBrokerIds);
    }

    public ControllerConfig withAllowedBrokerIds(Set<Integer> ids) {
        return new ControllerConfig(sessionTimeoutMs, uncleanLeaderElection, defaultPartitions,
                defaultReplicationFactor, producerIdBlockSize, maxPartitionsPerRequest, ids);
    }
}
