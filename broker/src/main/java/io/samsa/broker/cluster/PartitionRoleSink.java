package io.samsa.broker.cluster;

import io.samsa.metadata.image.PartitionRegistration;

/**
 * Where the image's partition changes go for the partitions this broker replicates: the seam the
 * replica manager plugs into (it turns each registration into a leader or follower role). Called
 * on the metadata applying thread; implementations must not block.
 */
public interface PartitionRoleSink {
    /** Does nothing: cluster mode without data replication. */
    PartitionRoleSink NONE = new PartitionRoleSink() {
        @Override
        public void onRole(String topic, int partition, PartitionRegistration registration) {
        }

        @Override
        public void onRemoved(String topic, int partition) {
        }
    };

    /** This broker is a replica of {@code topic}-{@code partition}, with this leader, replicas, ISR and epochs. */
    void onRole(String topic, int partition, PartitionRegistration registration);

    /** This broker no longer replicates {@code topic}-{@code partition} (topic deleted or replica moved). */
    void onRemoved(String topic, int partition);
}
