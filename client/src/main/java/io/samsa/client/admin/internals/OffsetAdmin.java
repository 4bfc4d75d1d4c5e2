package io.samsa.client.admin.internals;

import io.samsa.client.admin.ListOffsetsResultInfo;
import io.samsa.client.admin.OffsetSpec;
import io.samsa.client.common.Node;
import io.samsa.client.common.TopicPartition;
import io.samsa.client.internals.network.ClientRequest;
import io.samsa.client.internals.network.NodeApiVersions;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.DeleteRecordsRequest;
import io.samsa.protocol.message.DeleteRecordsResponse;
import io.samsa.protocol.message.ListOffsetsRequest;
import io.samsa.protocol.message.ListOffsetsResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Per-partition offset operations sent to partition leaders: ListOffsets (earliest, latest, by
 * timestamp, max timestamp) and DeleteRecords.
 *
 * <p>Thread-safe: stateless apart from the shared {@link AdminContext}.
 */
public final class OffsetAdmin {
    /** The max-timestamp query (-3) arrived in ListOffsets v7. */
    private static final int FIRST_LIST_OFFSETS_WITH_MAX_TIMESTAMP = 7;
    /** The broker-side timeout field arrived in ListOffsets v10. */
    private static final int FIRST_LIST_OFFSETS_WITH_TIMEOUT = 10;
    private static final int NO_LEADER_EPOCH = -1;

    private final AdminContext context;

    public OffsetAdmin(AdminContext context) {
        this.context = context;
    }

    public Map<TopicPartition, CompletableFuture<ListOffsetsResultInfo>> listOffsets(Map<TopicPartition, OffsetSpec> specs) {
        return KeyedRetry.run(context, "listOffsets", specs.keySet(),
            open -> LeaderRouting.attempt(context, open, (leader, partitions) -> listOffsetsAt(leader, partitions, specs)));
    }

    private CompletableFuture<Map<TopicPartition, Outcome<ListOffsetsResultInfo>>> listOffsetsAt(
            Node leader, Set<TopicPartition> partitions, Map<TopicPartition, OffsetSpec> specs) {
        boolean maxTimestamp = partitions.stream().anyMatch(tp -> specs.get(tp).timestamp() == OffsetSpec.maxTimestamp().timestamp());
        List<ListOffsetsRequest.ListOffsetsTopic> topics = new ArrayList<>();
        LeaderRouting.byTopic(partitions, tp -> new ListOffsetsRequest.ListOffsetsPartition()
                .setPartitionIndex(tp.partition()).setTimestamp(specs.get(tp).timestamp()).setCurrentLeaderEpoch(NO_LEADER_EPOCH))
            .forEach((topic, list) -> topics.add(new ListOffsetsRequest.ListOffsetsTopic().setName(topic).setPartitions(list)));
        ClientRequest request = ClientRequest.build(ApiMessageType.LIST_OFFSETS,
            maxTimestamp ? FIRST_LIST_OFFSETS_WITH_MAX_TIMESTAMP : 1, NodeApiVersions.clientMaxVersion(ApiMessageType.LIST_OFFSETS),
            v -> {
                ListOffsetsRequest body = new ListOffsetsRequest().setReplicaId(-1).setTopics(topics);
                if (v >= FIRST_LIST_OFFSETS_WITH_TIMEOUT) {
                    body.setTimeoutMs((int) context.requestTimeoutMs());
                }
                return body;
            });
        return context.network().send(leader, request, ListOffsetsResponse.class).thenApply(response -> {
            Map<TopicPartition, Outcome<ListOffsetsResultInfo>> outcomes = new HashMap<>();
            for (ListOffsetsResponse.ListOffsetsTopicResponse topic : response.topics()) {
                for (ListOffsetsResponse.ListOffsetsPartitionResponse p : topic.partitions()) {
                    TopicPartition tp = new TopicPartition(topic.name(), p.partitionIndex());
                    Optional<Integer> epoch = p.leaderEpoch() < 0 ? Optional.empty() : Optional.of(p.leaderEpoch());
                    outcomes.put(tp, LeaderRouting.partitionOutcome(p.errorCode(),
                        new ListOffsetsResultInfo(p.offset(), p.timestamp(), epoch), tp));
                }
            }
            return outcomes;
        });
    }

    /**
     * @param beforeOffsets partition to the offset before which records are deleted (-1: the high watermark)
     * @return partition to its new low watermark
     */
    public Map<TopicPartition, CompletableFuture<Long>> deleteRecords(Map<TopicPartition, Long> beforeOffsets) {
        return KeyedRetry.run(context, "deleteRecords", beforeOffsets.keySet(),
            open -> LeaderRouting.attempt(context, open, (leader, partitions) -> {
                List<DeleteRecordsRequest.DeleteRecordsTopic> topics = new ArrayList<>();
                LeaderRouting.byTopic(partitions, tp -> new DeleteRecordsRequest.DeleteRecordsPartition()
                        .setPartitionIndex(tp.partition()).setOffset(beforeOffsets.get(tp)))
                    .forEach((topic, list) -> topics.add(new DeleteRecordsRequest.DeleteRecordsTopic().setName(topic).setPartitions(list)));
                DeleteRecordsRequest body = new DeleteRecordsRequest().setTopics(topics).setTimeoutMs((int) context.requestTimeoutMs());
                return context.network().send(leader, ClientRequest.of(body), DeleteRecordsResponse.class).thenApply(response -> {
                    Map<TopicPartition, Outcome<Long>> outcomes = new HashMap<>();
                    for (DeleteRecordsResponse.DeleteRecordsTopicResult topic : response.topics()) {
                        for (DeleteRecordsResponse.DeleteRecordsPartitionResult p : topic.partitions()) {
                            TopicPartition tp = new TopicPartition(topic.name(), p.partitionIndex());
                            outcomes.put(tp, LeaderRouting.partitionOutcome(p.errorCode(), p.lowWatermark(), tp));
                        }
                    }
                    return outcomes;
                });
            }));
    }
}
