package io.samsa.metadata.quorum;

import io.samsa.metadata.rpc.ControllerRpc;
import io.samsa.metadata.rpc.proto.ControllerRequest;
import io.samsa.metadata.rpc.proto.DescribeQuorumRpcRequest;
import io.samsa.metadata.rpc.proto.DescribeQuorumRpcResponse;
import io.samsa.metadata.rpc.proto.QuorumReplicaRpc;

/**
 * DescribeQuorum forwarded to the Raft leader, the only node that knows every voter's position:
 * the request any node sends, and the leader's answer built from its own {@link QuorumStatus}.
 * Stateless.
 */
public final class QuorumStatusRpc {
    private QuorumStatusRpc() {
    }

    /** DescribeQuorum from the Raft leader: its view of every voter (forwarded there, answered by its quorum). */
    public static ControllerRpc<QuorumStatus> describeQuorum() {
        return new ControllerRpc<>(ControllerRequest.newBuilder().setDescribeQuorum(DescribeQuorumRpcRequest.getDefaultInstance())
                .build(), r -> {
                    DescribeQuorumRpcResponse status = r.getDescribeQuorum();
                    return new QuorumStatus(status.getLeaderId(), status.getLeaderEpoch(), status.getHighWatermark(),
                            status.getVotersList().stream().map(v -> new QuorumStatus.ReplicaState(v.getReplicaId(),
                                    v.getLogEndOffset(), v.getLastFetchTimestampMs(), v.getLastCaughtUpTimestampMs())).toList());
                });
    }

    /** The leader's answer to {@link #describeQuorum()}. */
    public static DescribeQuorumRpcResponse describeQuorumAnswer(QuorumStatus status) {
        DescribeQuorumRpcResponse.Builder answer = DescribeQuorumRpcResponse.newBuilder().setLeaderId(status.leaderId())
                .setLeaderEpoch(status.leaderEpoch()).setHighWatermark(status.highWatermark());
        status.voters().forEach(v -> answer.addVoters(QuorumReplicaRpc.newBuilder().setReplicaId(v.replicaId())
                .setLogEndOffset(v.logEndOffset()).setLastFetchTimestampMs(v.lastFetchTimestampMs())
                .setLastCaughtUpTimestampMs(v.lastCaughtUpTimestampMs())));
        return answer.build();
    }
}
