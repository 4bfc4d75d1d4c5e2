package io.samsa.metadata.rpc;

import io.samsa.metadata.controller.ControllerOperation;
import io.samsa.metadata.controller.ControllerResult;
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
import io.samsa.metadata.rpc.proto.AlterConfigsRpcResponse;
import io.samsa.metadata.rpc.proto.AlterPartitionReassignmentsRpcRequest;
import io.samsa.metadata.rpc.proto.BrokerHeartbeatRpcRequest;
import io.samsa.metadata.rpc.proto.BrokerHeartbeatRpcResponse;
import io.samsa.metadata.rpc.proto.ConfigChangeRpc;
import io.samsa.metadata.rpc.proto.ConfigResultRpc;
import io.samsa.metadata.rpc.proto.ControllerRequest;
import io.samsa.metadata.rpc.proto.ControllerResponse;
import io.samsa.metadata.rpc.proto.CreateTopicResultRpc;
import io.samsa.metadata.rpc.proto.CreateTopicsRpcResponse;
import io.samsa.metadata.rpc.proto.ElectLeadersRpcRequest;
import io.samsa.metadata.rpc.proto.ListPartitionReassignmentsRpcRequest;
import io.samsa.metadata.rpc.proto.ListPartitionReassignmentsRpcResponse;
import io.samsa.metadata.rpc.proto.OngoingReassignmentRpc;
import io.samsa.metadata.rpc.proto.RegisterBrokerRpcRequest;
import io.samsa.metadata.rpc.proto.RegisterBrokerRpcResponse;
import io.samsa.metadata.rpc.proto.TopicResultRpc;
import io.samsa.metadata.rpc.proto.TopicResultsRpcResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The active controller's side of a controller RPC: turns a forwarded request into the
 * controller operation it names, whose response is the protobuf answer. Stateless.
 */
public final class ControllerRpcHandler {
    private ControllerRpcHandler() {
    }

    /** @throws IllegalArgumentException for a request without an operation (sent by a newer node) */
    public static ControllerOperation<ControllerResponse> operation(ControllerRequest request) {
        return switch (request.getRequestCase()) {
            case REGISTER_BROKER -> registerBroker(request.getRegisterBroker());
            case BROKER_HEARTBEAT -> brokerHeartbeat(request.getBrokerHeartbeat());
            case CREATE_TOPICS -> (controller, image, nowMs) -> createTopicsAnswer(controller.createTopics(image,
                    request.getCreateTopics().getTopicsList().stream().map(ControllerRpcHandler::creatable).toList(),
                    request.getCreateTopics().getValidateOnly()));
            case CREATE_PARTITIONS -> (controller, image, nowMs) -> topicResults(controller.createPartitions(image,
                    request.getCreatePartitions().getTopicsList().stream().map(t -> new CreatePartitionsTopic(
                            t.getName(), t.getCount(), t.getAssignmentsList().stream().map(RpcCodec::replicas)
                            .toList())).toList(),
                    request.getCreatePartitions().getValidateOnly()));
            case DELETE_TOPICS -> (controller, image, nowMs) -> topicResults(controller.deleteTopics(image,
                    request.getDeleteTopics().getNamesList(),
                    request.getDeleteTopics().getIdsList().stream().map(RpcCodec::uuid).toList()));
            case ALTER_PARTITION -> alterPartition(request.getAlterPartition());
            case ELECT_LEADERS -> electLeaders(request.getElectLeaders());
            case ALTER_PARTITION_REASSIGNMENTS -> alterPartitionReassignments(request.getAlterPartitionReassignments());
            case LIST_PARTITION_REASSIGNMENTS -> listPartitionReassignments(request.getListPartitionReassignments());
            case ALLOCATE_PRODUCER_IDS -> allocateProducerIds(request.getAllocateProducerIds());
            case ALTER_CONFIGS -> alterConfigs(request.getAlterConfigs());
            case FETCH_METADATA -> throw new IllegalArgumentException("FetchMetadata is answered from the log, not by the controller");
            case DESCRIBE_QUORUM -> throw new IllegalArgumentException("DescribeQuorum is answered by the Raft leader, not by the controller");
            case REQUEST_NOT_SET -> throw new IllegalArgumentException("a controller request without an operation");
        };
    }

    private static ControllerOperation<ControllerResponse> registerBroker(RegisterBrokerRpcRequest rpc) {
        RegisterBrokerRequest request = new RegisterBrokerRequest(rpc.getBrokerId(), rpc.getClusterId(),
                RpcCodec.uuid(rpc.getIncarnationId()), rpc.getEndpointsList().stream().map(RpcCodec::endpoint).toList(),
                rpc.getRack().isEmpty() ? Optional.empty() : Optional.of(rpc.getRack()));
        return (controller, image, nowMs) -> {
            ControllerResult<RegisterBrokerResponse> result = controller.registerBroker(image, request, nowMs);
            RegisterBrokerResponse r = result.response();
            return ControllerResult.of(result.records(), ControllerResponse.newBuilder().setRegisterBroker(
                    RegisterBrokerRpcResponse.newBuilder().setError(RpcCodec.error(r.error()))
                            .setBrokerEpoch(r.brokerEpoch())).build());
        };
    }

    private static ControllerOperation<ControllerResponse> brokerHeartbeat(BrokerHeartbeatRpcRequest rpc) {
        BrokerHeartbeatRequest request = new BrokerHeartbeatRequest(rpc.getBrokerId(), rpc.getBrokerEpoch(),
                rpc.getCurrentMetadataOffset(), rpc.getWantFence(), rpc.getWantShutDown());
        return (controller, image, nowMs) -> {
            ControllerResult<BrokerHeartbeatResponse> result = controller.brokerHeartbeat(image, request, nowMs);
            BrokerHeartbeatResponse r = result.response();
            return ControllerResult.of(result.records(), ControllerResponse.newBuilder().setBrokerHeartbeat(
                    BrokerHeartbeatRpcResponse.newBuilder().setError(RpcCodec.error(r.error()))
                            .setIsCaughtUp(r.isCaughtUp()).setIsFenced(r.isFenced())
                            .setShouldShutDown(r.shouldShutDown())).build());
        };
    }

    private static ControllerOperation<ControllerResponse> allocateProducerIds(AllocateProducerIdsRpcRequest rpc) {
        return (controller, image, nowMs) -> {
            ControllerResult<ProducerIdBlock> result = controller.allocateProducerIds(image, rpc.getBrokerId(),
                    rpc.getBrokerEpoch());
            ProducerIdBlock block = result.response();
            return ControllerResult.of(result.records(), ControllerResponse.newBuilder().setAllocateProducerIds(
                    AllocateProducerIdsRpcResponse.newBuilder().setError(RpcCodec.error(block.error()))
                            .setProducerIdStart(block.firstProducerId()).setProducerIdLen(block.size())).build());
        };
    }

    private static ControllerOperation<ControllerResponse> alterConfigs(AlterConfigsRpcRequest rpc) {
        List<ConfigChange> changes = new ArrayList<>();
        for (ConfigChangeRpc change : rpc.getChangesList()) {
            Map<String, Optional<String>> values = new LinkedHashMap<>();
            change.getSetMap().forEach((key, value) -> values.put(key, Optional.of(value)));
            change.getDeletedList().forEach(key -> values.put(key, Optional.empty()));
            changes.add(new ConfigChange(new ConfigResource(change.getResourceType(), change.getResourceName()), values));
        }
        return (controller, image, nowMs) -> {
            ControllerResult<Map<ConfigResource, ApiError>> result = controller.alterConfigs(image, changes);
            AlterConfigsRpcResponse.Builder answer = AlterConfigsRpcResponse.newBuilder();
            result.response().forEach((resource, error) -> answer.addResults(ConfigResultRpc.newBuilder()
                    .setResourceType(resource.type()).setResourceName(resource.name()).setError(RpcCodec.error(error))));
            return ControllerResult.of(result.records(), ControllerResponse.newBuilder().setAlterConfigs(answer).build());
        };
    }

    private static CreatableTopic creatable(io.samsa.metadata.rpc.proto.CreatableTopicRpc t) {
        Map<Integer, List<Integer>> assignments = new HashMap<>();
        t.getAssignmentsMap().forEach((partition, replicas) -> assignments.put(partition, RpcCodec.replicas(replicas)));
        return new CreatableTopic(t.getName(), t.getNumPartitions(), (short) t.getReplicationFactor(), assignments,
                t.getConfigsMap());
    }

    private static ControllerResult<ControllerResponse> createTopicsAnswer(
            ControllerResult<List<CreateTopicResult>> result) {
        CreateTopicsRpcResponse.Builder answer = CreateTopicsRpcResponse.newBuilder();
        for (CreateTopicResult t : result.response()) {
            answer.addTopics(CreateTopicResultRpc.newBuilder().setName(t.name()).setTopicId(RpcCodec.uuid(t.topicId()))
                    .setError(RpcCodec.error(t.error())).setNumPartitions(t.numPartitions())
                    .setReplicationFactor(t.replicationFactor()));
        }
        return ControllerResult.of(result.records(), ControllerResponse.newBuilder().setCreateTopics(answer).build());
    }

    private static ControllerResult<ControllerResponse> topicResults(ControllerResult<List<TopicResult>> result) {
        TopicResultsRpcResponse.Builder answer = TopicResultsRpcResponse.newBuilder();
        for (TopicResult t : result.response()) {
            answer.addTopics(TopicResultRpc.newBuilder().setName(t.name() == null ? "" : t.name()).setTopicId(RpcCodec.uuid(t.topicId()))
                    .setError(RpcCodec.error(t.error())));
        }
        return ControllerResult.of(result.records(), ControllerResponse.newBuilder().setTopicResults(answer).build());
    }

    private static ControllerOperation<ControllerResponse> alterPartition(
            io.samsa.metadata.rpc.proto.AlterPartitionRpcRequest rpc) {
        AlterPartitionRequest request = new AlterPartitionRequest(rpc.getBrokerId(), rpc.getBrokerEpoch(),
                rpc.getPartitionsList().stream().map(p -> new AlterPartitionRequest.IsrChange(RpcCodec.uuid(p.getTopicId()),
                        p.getPartition(), p.getLeaderEpoch(), List.copyOf(p.getNewIsrList()), p.getPartitionEpoch()))
                        .toList());
        return (controller, image, nowMs) -> {
            ControllerResult<AlterPartitionResponse> result = controller.alterPartition(image, request);
            AlterPartitionResponse r = result.response();
            io.samsa.metadata.rpc.proto.AlterPartitionRpcResponse.Builder answer =
                    io.samsa.metadata.rpc.proto.AlterPartitionRpcResponse.newBuilder().setError(RpcCodec.error(r.error()));
            for (AlterPartitionResponse.PartitionState state : r.partitions()) {
                answer.addPartitions(io.samsa.metadata.rpc.proto.PartitionStateRpc.newBuilder()
                        .setTopicId(RpcCodec.uuid(state.topicId())).setPartition(state.partition())
                        .setError(RpcCodec.error(state.error())).setLeader(state.leader())
                        .setLeaderEpoch(state.leaderEpoch()).addAllIsr(state.isr())
                        .setPartitionEpoch(state.partitionEpoch()));
            }
            return ControllerResult.of(result.records(), ControllerResponse.newBuilder().setAlterPartition(answer).build());
        };
    }

    // ---- cluster-admin ----

    private static ControllerOperation<ControllerResponse> electLeaders(ElectLeadersRpcRequest rpc) {
        ElectionType type = rpc.getElectionType() == ElectionType.UNCLEAN.value()
                ? ElectionType.UNCLEAN : ElectionType.PREFERRED;
        Optional<List<TopicPartitionName>> partitions = rpc.getAllPartitions() ? Optional.empty()
                : Optional.of(rpc.getPartitionsList().stream().map(RpcCodec::partition).toList());
        return (controller, image, nowMs) -> {
            ControllerResult<Map<TopicPartitionName, ApiError>> result = controller.electLeaders(image, type, partitions);
            return ControllerResult.of(result.records(), ControllerResponse.newBuilder()
                    .setElectLeaders(RpcCodec.partitionResults(result.response())).build());
        };
    }

    private static ControllerOperation<ControllerResponse> alterPartitionReassignments(
            AlterPartitionReassignmentsRpcRequest rpc) {
        List<Reassignment> reassignments = rpc.getReassignmentsList().stream().map(r -> new Reassignment(
                RpcCodec.partition(r.getPartition()),
                r.getCancel() ? Optional.<List<Integer>>empty() : Optional.of(List.copyOf(r.getTargetList())))).toList();
        return (controller, image, nowMs) -> {
            ControllerResult<Map<TopicPartitionName, ApiError>> result =
                    controller.alterPartitionReassignments(image, reassignments);
            return ControllerResult.of(result.records(), ControllerResponse.newBuilder()
                    .setAlterPartitionReassignments(RpcCodec.partitionResults(result.response())).build());
        };
    }

    private static ControllerOperation<ControllerResponse> listPartitionReassignments(
            ListPartitionReassignmentsRpcRequest rpc) {
        Optional<List<TopicPartitionName>> partitions = rpc.getAllPartitions() ? Optional.empty()
                : Optional.of(rpc.getPartitionsList().stream().map(RpcCodec::partition).toList());
        return (controller, image, nowMs) -> {
            ListPartitionReassignmentsRpcResponse.Builder answer = ListPartitionReassignmentsRpcResponse.newBuilder();
            for (OngoingReassignment ongoing : controller.listPartitionReassignments(image, partitions).response()) {
                answer.addReassignments(OngoingReassignmentRpc.newBuilder()
                        .setPartition(RpcCodec.partition(ongoing.partition()))
                        .addAllReplicas(ongoing.replicas()).addAllAdding(ongoing.adding())
                        .addAllRemoving(ongoing.removing()));
            }
            return ControllerResult.withoutRecords(ControllerResponse.newBuilder()
                    .setListPartitionReassignments(answer).build());
        };
    }
}
