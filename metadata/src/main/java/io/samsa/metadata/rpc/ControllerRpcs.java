package io.samsa.metadata.rpc;

import io.samsa.metadata.controller.api.AlterPartitionRequest;
import io.samsa.metadata.controller.api.AlterPartitionResponse;
import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.BrokerHeartbeatRequest;
import io.samsa.metadata.controller.api.BrokerHeartbeatResponse;
import io.samsa.metadata.controller.api.ConfigChange;
import io.samsa.metadata.controller.api.CreatableTopic;
import io.samsa.metadata.controller.api.CreatePartitionsTopic;
import io.samsa.metadata.controller.api.CreateTopicResult;
import io.samsa.metadata.controller.api.ElectionType;
import io.samsa.metadata.controller.api.OngoingReassignment;
import io.samsa.metadata.controller.api.ProducerIdBlock;
import io.samsa.metadata.controller.api.Reassignment;
import io.samsa.metadata.controller.api.RegisterBrokerRequest;
import io.samsa.metadata.controller.api.RegisterBrokerResponse;
import io.samsa.metadata.controller.api.TopicPartitionName;
import io.samsa.metadata.controller.api.TopicResult;
import io.samsa.metadata.image.ConfigResource;
import io.samsa.metadata.rpc.proto.AllocateProducerIdsRpcRequest;
import io.samsa.metadata.rpc.proto.AllocateProducerIdsRpcResponse;
import io.samsa.metadata.rpc.proto.AlterConfigsRpcRequest;
import io.samsa.metadata.rpc.proto.AlterPartitionReassignmentsRpcRequest;
import io.samsa.metadata.rpc.proto.AlterPartitionRpcRequest;
import io.samsa.metadata.rpc.proto.AlterPartitionRpcResponse;
import io.samsa.metadata.rpc.proto.BrokerHeartbeatRpcRequest;
import io.samsa.metadata.rpc.proto.BrokerHeartbeatRpcResponse;
import io.samsa.metadata.rpc.proto.ConfigChangeRpc;
import io.samsa.metadata.rpc.proto.ControllerRequest;
import io.samsa.metadata.rpc.proto.ControllerResponse;
import io.samsa.metadata.rpc.proto.CreatableTopicRpc;
import io.samsa.metadata.rpc.proto.CreatePartitionsRpcRequest;
import io.samsa.metadata.rpc.proto.CreatePartitionsTopicRpc;
import io.samsa.metadata.rpc.proto.CreateTopicsRpcRequest;
import io.samsa.metadata.rpc.proto.DeleteTopicsRpcRequest;
import io.samsa.metadata.rpc.proto.ElectLeadersRpcRequest;
import io.samsa.metadata.rpc.proto.IsrChangeRpc;
import io.samsa.metadata.rpc.proto.ListPartitionReassignmentsRpcRequest;
import io.samsa.metadata.rpc.proto.ReassignmentRpc;
import io.samsa.metadata.rpc.proto.RegisterBrokerRpcRequest;
import io.samsa.metadata.rpc.proto.RegisterBrokerRpcResponse;
import io.samsa.metadata.rpc.proto.TopicResultsRpcResponse;
import io.samsa.protocol.types.Uuid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The forwardable controller operations: each encodes its request and decodes its response. Stateless. */
public final class ControllerRpcs {
    private ControllerRpcs() {
    }

    public static ControllerRpc<RegisterBrokerResponse> registerBroker(RegisterBrokerRequest request) {
        RegisterBrokerRpcRequest.Builder rpc = RegisterBrokerRpcRequest.newBuilder()
                .setBrokerId(request.brokerId())
                .setClusterId(request.clusterId())
                .setIncarnationId(RpcCodec.uuid(request.incarnationId()))
                .setRack(request.rack().orElse(""));
        request.endpoints().forEach(e -> rpc.addEndpoints(RpcCodec.endpoint(e)));
        return new ControllerRpc<>(ControllerRequest.newBuilder().setRegisterBroker(rpc).build(), r -> {
            RegisterBrokerRpcResponse response = r.getRegisterBroker();
            return new RegisterBrokerResponse(RpcCodec.error(response.getError()), response.getBrokerEpoch());
        });
    }

    public static ControllerRpc<BrokerHeartbeatResponse> brokerHeartbeat(BrokerHeartbeatRequest request) {
        BrokerHeartbeatRpcRequest rpc = BrokerHeartbeatRpcRequest.newBuilder()
                .setBrokerId(request.brokerId())
                .setBrokerEpoch(request.brokerEpoch())
                .setCurrentMetadataOffset(request.currentMetadataOffset())
                .setWantFence(request.wantFence())
                .setWantShutDown(request.wantShutDown())
                .build();
        return new ControllerRpc<>(ControllerRequest.newBuilder().setBrokerHeartbeat(rpc).build(), r -> {
            BrokerHeartbeatRpcResponse response = r.getBrokerHeartbeat();
            return new BrokerHeartbeatResponse(RpcCodec.error(response.getError()), response.getIsCaughtUp(),
                    response.getIsFenced(), response.getShouldShutDown());
        });
    }

    public static ControllerRpc<List<CreateTopicResult>> createTopics(List<CreatableTopic> topics,
                                                                      boolean validateOnly) {
        CreateTopicsRpcRequest.Builder rpc = CreateTopicsRpcRequest.newBuilder().setValidateOnly(validateOnly);
        for (CreatableTopic topic : topics) {
            CreatableTopicRpc.Builder t = CreatableTopicRpc.newBuilder()
                    .setName(topic.name())
                    .setNumPartitions(topic.numPartitions())
                    .setReplicationFactor(topic.replicationFactor())
                    .putAllConfigs(topic.configs());
            topic.assignments().forEach((partition, replicas) -> t.putAssignments(partition,
                    RpcCodec.replicas(replicas)));
            rpc.addTopics(t);
        }
        return new ControllerRpc<>(ControllerRequest.newBuilder().setCreateTopics(rpc).build(),
                r -> r.getCreateTopics().getTopicsList().stream().map(t -> new CreateTopicResult(t.getName(),
                        RpcCodec.uuid(t.getTopicId()), RpcCodec.error(t.getError()), t.getNumPartitions(),
                        (short) t.getReplicationFactor())).toList());
    }

    public static ControllerRpc<List<TopicResult>> createPartitions(List<CreatePartitionsTopic> topics,
                                                                    boolean validateOnly) {
        CreatePartitionsRpcRequest.Builder rpc = CreatePartitionsRpcRequest.newBuilder().setValidateOnly(validateOnly);
        for (CreatePartitionsTopic topic : topics) {
            CreatePartitionsTopicRpc.Builder t = CreatePartitionsTopicRpc.newBuilder()
                    .setName(topic.name()).setCount(topic.count());
            topic.assignments().forEach(replicas -> t.addAssignments(RpcCodec.replicas(replicas)));
            rpc.addTopics(t);
        }
        return new ControllerRpc<>(ControllerRequest.newBuilder().setCreatePartitions(rpc).build(),
                ControllerRpcs::topicResults);
    }

    public static ControllerRpc<List<TopicResult>> deleteTopics(List<String> names, List<Uuid> ids) {
        DeleteTopicsRpcRequest.Builder rpc = DeleteTopicsRpcRequest.newBuilder().addAllNames(names);
        ids.forEach(id -> rpc.addIds(RpcCodec.uuid(id)));
        return new ControllerRpc<>(ControllerRequest.newBuilder().setDeleteTopics(rpc).build(),
                ControllerRpcs::topicResults);
    }

    // ---- cluster-admin ----

    /** @param partitions the partitions to elect for; empty: all */
    public static ControllerRpc<Map<TopicPartitionName, ApiError>> electLeaders(
            ElectionType type, Optional<List<TopicPartitionName>> partitions) {
        ElectLeadersRpcRequest.Builder rpc = ElectLeadersRpcRequest.newBuilder()
                .setElectionType(type.value())
                .setAllPartitions(partitions.isEmpty());
        partitions.ifPresent(list -> list.forEach(p -> rpc.addPartitions(RpcCodec.partition(p))));
        return new ControllerRpc<>(ControllerRequest.newBuilder().setElectLeaders(rpc).build(),
                r -> RpcCodec.partitionResults(r.getElectLeaders()));
    }

    public static ControllerRpc<Map<TopicPartitionName, ApiError>> alterPartitionReassignments(
            List<Reassignment> reassignments) {
        AlterPartitionReassignmentsRpcRequest.Builder rpc = AlterPartitionReassignmentsRpcRequest.newBuilder();
        for (Reassignment reassignment : reassignments) {
            rpc.addReassignments(ReassignmentRpc.newBuilder()
                    .setPartition(RpcCodec.partition(reassignment.partition()))
                    .setCancel(reassignment.target().isEmpty())
                    .addAllTarget(reassignment.target().orElse(List.of())));
        }
        return new ControllerRpc<>(ControllerRequest.newBuilder().setAlterPartitionReassignments(rpc).build(),
                r -> RpcCodec.partitionResults(r.getAlterPartitionReassignments()));
    }

    /** @param partitions the partitions asked about; empty: all */
    public static ControllerRpc<List<OngoingReassignment>> listPartitionReassignments(
            Optional<List<TopicPartitionName>> partitions) {
        ListPartitionReassignmentsRpcRequest.Builder rpc = ListPartitionReassignmentsRpcRequest.newBuilder()
                .setAllPartitions(partitions.isEmpty());
        partitions.ifPresent(list -> list.forEach(p -> rpc.addPartitions(RpcCodec.partition(p))));
        return new ControllerRpc<>(ControllerRequest.newBuilder().setListPartitionReassignments(rpc).build(),
                r -> r.getListPartitionReassignments().getReassignmentsList().stream()
                        .map(o -> new OngoingReassignment(RpcCodec.partition(o.getPartition()),
                                List.copyOf(o.getReplicasList()), List.copyOf(o.getAddingList()),
                                List.copyOf(o.getRemovingList()))).toList());
    }

    /** AllocateProducerIds for a registered broker: the next block, or the controller's error (a stale epoch). */
    public static ControllerRpc<ProducerIdBlock> allocateProducerIds(int brokerId, long brokerEpoch) {
        AllocateProducerIdsRpcRequest rpc = AllocateProducerIdsRpcRequest.newBuilder()
                .setBrokerId(brokerId).setBrokerEpoch(brokerEpoch).build();
        return new ControllerRpc<>(ControllerRequest.newBuilder().setAllocateProducerIds(rpc).build(), r -> {
            AllocateProducerIdsRpcResponse response = r.getAllocateProducerIds();
            return new ProducerIdBlock(RpcCodec.error(response.getError()), response.getProducerIdStart(),
                    response.getProducerIdLen());
        });
    }

    /** IncrementalAlterConfigs in cluster mode: the validated changes, answered per resource. */
    public static ControllerRpc<Map<ConfigResource, ApiError>> alterConfigs(List<ConfigChange> changes) {
        AlterConfigsRpcRequest.Builder rpc = AlterConfigsRpcRequest.newBuilder();
        for (ConfigChange change : changes) {
            ConfigChangeRpc.Builder c = ConfigChangeRpc.newBuilder().setResourceType(change.resource().type())
                    .setResourceName(change.resource().name());
            change.changes().forEach((key, value) -> {
                if (value.isPresent()) {
                    c.putSet(key, value.get());
                } else {
                    c.addDeleted(key);
                }
            });
            rpc.addChanges(c);
        }
        return new ControllerRpc<>(ControllerRequest.newBuilder().setAlterConfigs(rpc).build(), r -> {
            Map<ConfigResource, ApiError> results = new LinkedHashMap<>();
            r.getAlterConfigs().getResultsList().forEach(result -> results.put(
                    new ConfigResource(result.getResourceType(), result.getResourceName()), RpcCodec.error(result.getError())));
            return results;
        });
    }

    private static List<TopicResult> topicResults(ControllerResponse response) {
        TopicResultsRpcResponse results = response.getTopicResults();
        return results.getTopicsList().stream().map(t -> new TopicResult(t.getName().isEmpty() ? null : t.getName(), RpcCodec.uuid(t.getTopicId()),
                RpcCodec.error(t.getError()))).toList();
    }

    public static ControllerRpc<AlterPartitionResponse> alterPartition(AlterPartitionRequest request) {
        AlterPartitionRpcRequest.Builder rpc = AlterPartitionRpcRequest.newBuilder()
                .setBrokerId(request.brokerId()).setBrokerEpoch(request.brokerEpoch());
        for (AlterPartitionRequest.IsrChange change : request.partitions()) {
            rpc.addPartitions(IsrChangeRpc.newBuilder().setTopicId(RpcCodec.uuid(change.topicId()))
                    .setPartition(change.partition()).setLeaderEpoch(change.leaderEpoch())
                    .addAllNewIsr(change.newIsr()).setPartitionEpoch(change.partitionEpoch()));
        }
        return new ControllerRpc<>(ControllerRequest.newBuilder().setAlterPartition(rpc).build(), r -> {
            AlterPartitionRpcResponse response = r.getAlterPartition();
            return new AlterPartitionResponse(RpcCodec.error(response.getError()), response.getPartitionsList().stream()
                    .map(p -> new AlterPartitionResponse.PartitionState(RpcCodec.uuid(p.getTopicId()), p.getPartition(),
                            RpcCodec.error(p.getError()), p.getLeader(), p.getLeaderEpoch(), List.copyOf(p.getIsrList()),
                            p.getPartitionEpoch())).toList());
        });
    }
}
