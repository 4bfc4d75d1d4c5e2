package io.samsa.broker.replication.fetcher;

import io.samsa.broker.replication.ReplicationConfig;
import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.message.ListOffsetsRequest;
import io.samsa.protocol.message.OffsetForLeaderEpochRequest;
import io.samsa.storage.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The three requests a follower sends its leader, built from the partitions' fetch states; each
 * carries this broker's replica id and, per partition, the leader epoch it follows (so a leader of
 * another epoch answers FENCED_LEADER_EPOCH or UNKNOWN_LEADER_EPOCH).
 *
 * <p>Stateless; called on the fetcher's worker thread (it reads the logs' offsets).
 */
final class FollowerRequests {
    /** By topic name, the last version that names topics (v13 switched to topic ids). */
    static final short FETCH_VERSION = 12;
    static final short OFFSET_FOR_LEADER_EPOCH_VERSION = 4;
    static final short LIST_OFFSETS_VERSION = 4;
    /** ListOffsets' EARLIEST: the log start offset. */
    private static final long EARLIEST_TIMESTAMP = -2;

    private FollowerRequests() {
    }

    /** OffsetForLeaderEpoch for each partition's latest epoch ({@code epochs}). */
    static OffsetForLeaderEpochRequest offsetForLeaderEpoch(int replicaId, Map<TopicPartition, FetchState> states,
                                                            Map<TopicPartition, Integer> epochs) {
        Map<String, OffsetForLeaderEpochRequest.OffsetForLeaderTopic> topics = new HashMap<>();
        states.forEach((partition, state) -> topics.computeIfAbsent(partition.topic(), name ->
                        new OffsetForLeaderEpochRequest.OffsetForLeaderTopic().setTopic(name).setPartitions(new ArrayList<>()))
                .partitions().add(new OffsetForLeaderEpochRequest.OffsetForLeaderPartition().setPartition(partition.partition())
                        .setCurrentLeaderEpoch(state.leaderEpoch()).setLeaderEpoch(epochs.get(partition))));
        return new OffsetForLeaderEpochRequest().setReplicaId(replicaId).setTopics(new ArrayList<>(topics.values()));
    }

    /** ListOffsets EARLIEST: the leader's log start offsets. */
    static ListOffsetsRequest earliestOffsets(int replicaId, Map<TopicPartition, FetchState> states) {
        Map<String, ListOffsetsRequest.ListOffsetsTopic> topics = new HashMap<>();
        states.forEach((partition, state) -> topics.computeIfAbsent(partition.topic(), name ->
                        new ListOffsetsRequest.ListOffsetsTopic().setName(name).setPartitions(new ArrayList<>()))
                .partitions().add(new ListOffsetsRequest.ListOffsetsPartition().setPartitionIndex(partition.partition())
                        .setCurrentLeaderEpoch(state.leaderEpoch()).setTimestamp(EARLIEST_TIMESTAMP)));
        return new ListOffsetsRequest().setReplicaId(replicaId).setTopics(new ArrayList<>(topics.values()));
    }

    /** Fetch from each log's end offset, within replica.fetch.max.bytes / replica.fetch.response.max.bytes. */
    static FetchRequest fetch(ReplicationConfig config, Map<TopicPartition, FetchState> states) {
        Map<String, FetchRequest.FetchTopic> topics = new HashMap<>();
        states.forEach((partition, state) -> topics.computeIfAbsent(partition.topic(), name ->
                        new FetchRequest.FetchTopic().setTopic(name).setPartitions(new ArrayList<>()))
                .partitions().add(new FetchRequest.FetchPartition().setPartition(partition.partition())
                        .setCurrentLeaderEpoch(state.leaderEpoch()).setFetchOffset(state.log().logEndOffset())
                        .setLogStartOffset(state.log().logStartOffset()).setPartitionMaxBytes(config.fetchMaxBytes())));
        return new FetchRequest().setReplicaId(config.nodeId()).setMaxWaitMs(config.fetchWaitMaxMs())
                .setMinBytes(config.fetchMinBytes()).setMaxBytes(config.fetchResponseMaxBytes())
                .setTopics(new ArrayList<>(topics.values())).setForgottenTopicsData(List.of());
    }
}
