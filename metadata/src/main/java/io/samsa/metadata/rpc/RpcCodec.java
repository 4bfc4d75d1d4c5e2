package io.samsa.metadata.rpc;

import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.image.Endpoint;
import io.samsa.metadata.records.Uuids;
import io.samsa.metadata.records.proto.BrokerEndpoint;
import io.samsa.metadata.records.proto.UuidValue;
import io.samsa.metadata.rpc.proto.ReplicaList;
import io.samsa.metadata.rpc.proto.RpcError;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.Uuid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.samsa.metadata.controller.api.TopicPartitionName;
import io.samsa.metadata.rpc.proto.PartitionResultRpc;
import io.samsa.metadata.rpc.proto.PartitionResultsRpcResponse;
import io.samsa.metadata.rpc.proto.TopicPartitionRpc;

/** The conversions both ends of a controller RPC share: errors, ids, endpoints, replica lists. Stateless. */
final class RpcCodec {
    private RpcCodec() {
    }

    static RpcError error(ApiError error) {
        return RpcError.newBuilder().setCode(error.error().code()).setMessage(error.message()).build();
    }

    static ApiError error(RpcError error) {
        return ApiError.of(ErrorCode.forCode((short) error.getCode()), error.getMessage());
    }

    static UuidValue uuid(Uuid id) {
        return Uuids.toProto(id);
    }

    static Uuid uuid(UuidValue id) {
        return Uuids.fromProto(id);
    }

    static BrokerEndpoint endpoint(Endpoint e) {
        return BrokerEndpoint.newBuilder().setListenerName(e.listenerName()).setHost(e.host()).setPort(e.port())
                .setSecurityProtocol(e.securityProtocol()).build();
    }

    static Endpoint endpoint(BrokerEndpoint e) {
        return new Endpoint(e.getListenerName(), e.getHost(), e.getPort(), e.getSecurityProtocol());
    }

    static ReplicaList replicas(List<Integer> brokerIds) {
        return ReplicaList.newBuilder().addAllBrokerIds(brokerIds).build();
    }

    static List<Integer> replicas(ReplicaList list) {
        return List.copyOf(list.getBrokerIdsList());
    }

    // ---- cluster-admin ----

    static TopicPartitionRpc partition(TopicPartitionName name) {
        return TopicPartitionRpc.newBuilder().setTopic(name.topic()).setPartition(name.partition()).build();
    }

    static TopicPartitionName partition(TopicPartitionRpc rpc) {
        return new TopicPartitionName(rpc.getTopic(), rpc.getPartition());
    }

    static PartitionResultsRpcResponse partitionResults(Map<TopicPartitionName, ApiError> results) {
        PartitionResultsRpcResponse.Builder answer = PartitionResultsRpcResponse.newBuilder();
        results.forEach((name, error) -> answer.addResults(PartitionResultRpc.newBuilder()
                .setPartition(partition(name)).setError(error(error))));
        return answer.build();
    }

    /** @return the results in the order the controller gave them */
    static Map<TopicPartitionName, ApiError> partitionResults(PartitionResultsRpcResponse answer) {
        Map<TopicPartitionName, ApiError> results = new LinkedHashMap<>();
        answer.getResultsList().forEach(r -> results.put(partition(r.getPartition()), error(r.getError())));
        return results;
    }
}
