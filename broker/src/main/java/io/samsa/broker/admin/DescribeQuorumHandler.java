package io.samsa.broker.admin;

import io.samsa.broker.api.MessageHandler;
import io.samsa.broker.api.RequestContext;
import io.samsa.metadata.quorum.QuorumStatus;
import io.samsa.metadata.quorum.VoterAddress;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.DescribeQuorumRequest.PartitionData;
import io.samsa.protocol.message.DescribeQuorumRequest.TopicData;
import io.samsa.protocol.message.DescribeQuorumRequest;
import io.samsa.protocol.message.DescribeQuorumResponse.Listener;
import io.samsa.protocol.message.DescribeQuorumResponse.Node;
import io.samsa.protocol.message.DescribeQuorumResponse.ReplicaState;
import io.samsa.protocol.message.DescribeQuorumResponse;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * DescribeQuorum (key 55), v0 to 2, cluster mode only: the metadata quorum ({@code
 * __cluster_metadata} partition 0) as {@code kafka-metadata-quorum describe --status} and {@code
 * --replication} read it: the leader's id and epoch (the Raft term), the high watermark (the
 * commit index), every voter of {@code controller.quorum.voters} with its log end offset and
 * last fetch / caught-up times, no observers (every node is a voter in combined mode), and (v2)
 * each voter's CONTROLLER listener. As Kafka's brokers forward DescribeQuorum to the controllers,
 * the answer is the Raft leader's (only it knows every voter's position), whichever node is asked;
 * when no leader answers within {@code controller.quorum.request.timeout.ms}, the node answers
 * with its own view (positions it does not know are -1) rather than an error. A request for any
 * other topic or partition gets UNKNOWN_TOPIC_OR_PARTITION on each partition, as in Kafka.
 * Asynchronous, never blocks. Thread-safe.
 */
public final class DescribeQuorumHandler extends MessageHandler<DescribeQuorumRequest, DescribeQuorumResponse> {
    /** Kafka's metadata log topic, the only one DescribeQuorum describes. */
    static final String METADATA_TOPIC = "__cluster_metadata";

    private final Supplier<CompletableFuture<QuorumStatus>> leaderStatus;
    private final Supplier<QuorumStatus> ownStatus;
    private final List<VoterAddress> voters;
    private final String controllerListener;

    /**
     * @param leaderStatus       the Raft leader's view of the quorum (forwarded to it; may fail)
     * @param ownStatus          this node's view, the answer when the leader's does not come
     * @param voters             {@code controller.quorum.voters}
     * @param controllerListener the name of the listener the voters talk on ({@code controller.listener.names})
     */
    public DescribeQuorumHandler(Supplier<CompletableFuture<QuorumStatus>> leaderStatus, Supplier<QuorumStatus> ownStatus,
                                 List<VoterAddress> voters, String controllerListener) {
        super(ApiKey.DESCRIBE_QUORUM);
        this.leaderStatus = leaderStatus;
        this.ownStatus = ownStatus;
        this.voters = List.copyOf(voters);
        this.controllerListener = controllerListener;
    }

    @Override
    protected CompletableFuture<DescribeQuorumResponse> handle(RequestContext context, DescribeQuorumRequest request) {
        if (!asksForTheMetadataPartition(request)) {
            return CompletableFuture.completedFuture(answer(request, null, context.apiVersion()));
        }
        CompletableFuture<QuorumStatus> asked;
        try {
            asked = leaderStatus.get();
        } catch (RuntimeException e) {
            asked = CompletableFuture.failedFuture(e);
        }
        return asked.handle((status, error) -> answer(request, error == null ? status : ownStatus.get(), context.apiVersion()));
    }

    /** @param quorum the quorum as reported (unused when the request is not for the metadata partition) */
    DescribeQuorumResponse answer(DescribeQuorumRequest request, QuorumStatus quorum, short apiVersion) {
        if (!asksForTheMetadataPartition(request)) {
            List<DescribeQuorumResponse.TopicData> topics = new ArrayList<>();
            for (TopicData topic : request.topics()) {
                List<DescribeQuorumResponse.PartitionData> partitions = new ArrayList<>();
                for (PartitionData partition : topic.partitions()) {
                    partitions.add(new DescribeQuorumResponse.PartitionData()
                            .setPartitionIndex(partition.partitionIndex())
                            .setErrorCode(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code())
                            .setErrorMessage(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.message()));
                }
                topics.add(new DescribeQuorumResponse.TopicData().setTopicName(topic.topicName()).setPartitions(partitions));
            }
            return new DescribeQuorumResponse().setErrorCode(ErrorCode.NONE.code()).setErrorMessage(null)
                    .setTopics(topics);
        }
        Map<Integer, QuorumStatus.ReplicaState> known = new HashMap<>();
        quorum.voters().forEach(voter -> known.put(voter.replicaId(), voter));
        List<ReplicaState> currentVoters = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        for (VoterAddress voter : voters) {
            QuorumStatus.ReplicaState state = known.getOrDefault(voter.id(),
                    new QuorumStatus.ReplicaState(voter.id(), -1, -1, -1));
            currentVoters.add(new ReplicaState()
                    .setReplicaId(voter.id())
                    .setReplicaDirectoryId(Uuid.ZERO)
                    .setLogEndOffset(state.logEndOffset())
                    .setLastFetchTimestamp(state.lastFetchTimestampMs())
                    .setLastCaughtUpTimestamp(state.lastCaughtUpTimestampMs()));
            nodes.add(new Node().setNodeId(voter.id()).setListeners(new ArrayList<>(List.of(new Listener()
                    .setName(controllerListener).setHost(voter.host()).setPort(voter.port())))));
        }
        DescribeQuorumResponse.PartitionData partition = new DescribeQuorumResponse.PartitionData()
                .setPartitionIndex(0)
                .setErrorCode(ErrorCode.NONE.code())
                .setErrorMessage(null)
                .setLeaderId(quorum.leaderId())
                .setLeaderEpoch((int) Math.min(Integer.MAX_VALUE, quorum.leaderEpoch()))
                .setHighWatermark(quorum.highWatermark())
                .setCurrentVoters(currentVoters)
                .setObservers(new ArrayList<>());
        return new DescribeQuorumResponse()
                .setErrorCode(ErrorCode.NONE.code())
                .setErrorMessage(null)
                .setTopics(new ArrayList<>(List.of(new DescribeQuorumResponse.TopicData()
                        .setTopicName(METADATA_TOPIC)
                        .setPartitions(new ArrayList<>(List.of(partition))))))
                .setNodes(apiVersion >= 2 ? nodes : new ArrayList<>());
    }

    private static boolean asksForTheMetadataPartition(DescribeQuorumRequest request) {
        return request.topics().size() == 1 && METADATA_TOPIC.equals(request.topics().get(0).topicName())
                && request.topics().get(0).partitions().size() == 1
                && request.topics().get(0).partitions().get(0).partitionIndex() == 0;
    }
}
