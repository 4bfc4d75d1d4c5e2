package io.samsa.broker.replication;

import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;

/**
 * The replica fetchers, as the {@link ReplicaManager} drives them: start following a leader
 * (first truncating to the divergence point, then fetching), or stop. Thread-safe
 * implementations; neither call may block.
 */
public interface FollowerSync {

    /** Does nothing: a broker that never follows. */
    FollowerSync NONE = new FollowerSync() {
        @Override
        public void follow(TopicPartition partition, PartitionLog log, int leaderId, int leaderEpoch) {
        }

        @Override
        public void unfollow(TopicPartition partition) {
        }
    };

    /** Fetches {@code partition} from {@code leaderId} under {@code leaderEpoch}, replacing any earlier fetch. */
    void follow(TopicPartition partition, PartitionLog log, int leaderId, int leaderEpoch);

    /** Stops fetching {@code partition} (it became leader or was removed). */
    void unfollow(TopicPartition partition);
}
