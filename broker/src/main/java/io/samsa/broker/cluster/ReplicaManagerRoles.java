package io.samsa.broker.cluster;

import io.samsa.broker.replication.PartitionRole;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.metadata.image.IntArrays;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.storage.LogManager;
import io.samsa.storage.TopicPartition;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image's partition changes turned into replica roles: a partition this broker replicates gets
 * the registration's leader, leader epoch, replicas, ISR and partition epoch
 * ({@link ReplicaManager#applyRole}, which opens the log when absent); a partition it no longer
 * replicates loses its role and its log files. A partition without a leader (-1) gets a role
 * nobody leads, so this broker answers NOT_LEADER_OR_FOLLOWER for it. Runs on the metadata
 * applying thread: no waiting, only local log creation and deletion.
 */
final class ReplicaManagerRoles implements PartitionRoleSink {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaManagerRoles.class);

    private final ReplicaManager replicas;
    private final Supplier<LogManager> logs;

    ReplicaManagerRoles(ReplicaManager replicas, Supplier<LogManager> logs) {
        this.replicas = replicas;
        this.logs = logs;
    }

    @Override
    public void onRole(String topic, int partition, PartitionRegistration registration) {
        TopicPartition topicPartition = new TopicPartition(topic, partition);
        try {
            replicas.applyRole(topicPartition, role(registration));
        } catch (RuntimeException e) {
            LOG.error("cannot apply the role {} of {}", registration, topicPartition, e);
        }
    }

    static PartitionRole role(PartitionRegistration registration) {
        return new PartitionRole(registration.leaderEpoch(), registration.leader(),
                IntArrays.toList(registration.replicas()), IntArrays.toList(registration.isr()),
                registration.partitionEpoch());
    }

    @Override
    public void onRemoved(String topic, int partition) {
        TopicPartition topicPartition = new TopicPartition(topic, partition);
        replicas.removeRole(topicPartition);
        if (logs.get().deleteLog(topicPartition)) {
            LOG.info("deleted the log of {}: no replica here any more", topicPartition);
        }
    }
}
