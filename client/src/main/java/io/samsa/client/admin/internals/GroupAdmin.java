package io.samsa.client.admin.internals;

import io.samsa.client.admin.ConsumerGroupDescription;
import io.samsa.client.admin.ConsumerGroupListing;
import io.samsa.client.admin.MemberDescription;
import io.samsa.client.common.Node;
import io.samsa.client.consumer.internals.ConsumerProtocolCodec;
import io.samsa.client.errors.Errors;
import io.samsa.client.errors.GroupIdNotFoundException;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.internals.network.ClientRequest;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.DeleteGroupsRequest;
import io.samsa.protocol.message.DeleteGroupsResponse;
import io.samsa.protocol.message.DescribeGroupsRequest;
import io.samsa.protocol.message.DescribeGroupsResponse;
import io.samsa.protocol.message.ListGroupsRequest;
import io.samsa.protocol.message.ListGroupsResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Consumer group operations: list (every broker), describe and delete (each group's coordinator).
 * Offsets live in {@link GroupOffsetsAdmin}.
 *
 * <p>Thread-safe: stateless apart from the shared {@link AdminContext}.
 */
public final class GroupAdmin {
    static final String CONSUMER_PROTOCOL_TYPE = "consumer";
    private static final String DEAD = "Dead";

    private final AdminContext context;

    public GroupAdmin(AdminContext context) {
        this.context = context;
    }

    /** Groups of protocol type "consumer" or none (simple groups), from every broker. */
    public CompletableFuture<Collection<ConsumerGroupListing>> listConsumerGroups() {
        return KeyedRetry.<Collection<ConsumerGroupListing>>runOne(context, "listConsumerGroups", () ->
            context.metadata().fetch(List.of()).thenCompose(snapshot -> {
                List<CompletableFuture<ListGroupsResponse>> answers = new ArrayList<>();
                for (Node node : snapshot.nodesById().values()) {
                    answers.add(context.network().send(node, ClientRequest.of(new ListGroupsRequest()), ListGroupsResponse.class));
                }
                return CompletableFuture.allOf(answers.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
                    Map<String, ConsumerGroupListing> groups = new TreeMap<>();
                    for (CompletableFuture<ListGroupsResponse> answer : answers) {
                        ListGroupsResponse response = answer.join();
                        ErrorCode error = ErrorCode.forCode(response.errorCode());
                        if (error != ErrorCode.NONE) {
                            return Outcome.<Collection<ConsumerGroupListing>>of(Errors.toException(error, "ListGroups"));
                        }
                        for (ListGroupsResponse.ListedGroup g : response.groups()) {
                            String type = g.protocolType() == null ? "" : g.protocolType();
                            if (type.isEmpty() || type.equals(CONSUMER_PROTOCOL_TYPE)) {
                                groups.put(g.groupId(), new ConsumerGroupListing(g.groupId(),
                                    g.groupState() == null ? "" : g.groupState(), type, type.isEmpty()));
                            }
                        }
                    }
                    return Outcome.ok(new ArrayList<>(groups.values()));
                });
            }));
    }

    public Map<String, CompletableFuture<ConsumerGroupDescription>> describeConsumerGroups(Collection<String> groupIds) {
        return KeyedRetry.run(context, "describeConsumerGroups", groupIds, open -> CoordinatorRouting.attempt(context, open,
            (coordinator, groups) -> context.network().send(coordinator,
                    ClientRequest.of(new DescribeGroupsRequest().setGroups(List.copyOf(groups))), DescribeGroupsResponse.class)
                .thenApply(response -> {
                    Map<String, Outcome<ConsumerGroupDescription>> outcomes = new HashMap<>();
                    for (DescribeGroupsResponse.DescribedGroup g : response.groups()) {
                        outcomes.put(g.groupId(), describe(g, coordinator));
                    }
                    return outcomes;
                })));
    }

    private static Outcome<ConsumerGroupDescription> describe(DescribeGroupsResponse.DescribedGroup g, Node coordinator) {
        ErrorCode error = ErrorCode.forCode(g.errorCode());
        if (error != ErrorCode.NONE) {
            return Outcome.of(Errors.toException(error, g.errorMessage()));
        }
        if (DEAD.equals(g.groupState())) {
            return Outcome.fail(new GroupIdNotFoundException("Group " + g.groupId() + " not found."));
        }
        String type = g.protocolType() == null ? "" : g.protocolType();
        if (!type.isEmpty() && !type.equals(CONSUMER_PROTOCOL_TYPE)) {
            return Outcome.fail(new KafkaException("Group " + g.groupId() + " is not a consumer group (protocol type " + type + ")"));
        }
        List<MemberDescription> members = new ArrayList<>();
        for (DescribeGroupsResponse.DescribedGroupMember m : g.members()) {
            try {
                members.add(new MemberDescription(m.memberId(), Optional.ofNullable(m.groupInstanceId()), m.clientId(),
                    m.clientHost(), Set.copyOf(ConsumerProtocolCodec.decodeAssignment(m.memberAssignment()).partitions())));
            } catch (RuntimeException malformed) {
                return Outcome.fail(new KafkaException("unreadable assignment of member " + m.memberId() + " in group "
                    + g.groupId(), malformed));
            }
        }
        return Outcome.ok(new ConsumerGroupDescription(g.groupId(), type.isEmpty(), members, g.protocolData(),
            g.groupState(), coordinator));
    }

    public Map<String, CompletableFuture<Void>> deleteConsumerGroups(Collection<String> groupIds) {
        return KeyedRetry.run(context, "deleteConsumerGroups", groupIds, open -> CoordinatorRouting.attempt(context, open,
            (coordinator, groups) -> context.network().send(coordinator,
                    ClientRequest.of(new DeleteGroupsRequest().setGroupsNames(List.copyOf(groups))), DeleteGroupsResponse.class)
                .thenApply(response -> {
                    Map<String, Outcome<Void>> outcomes = new HashMap<>();
                    for (DeleteGroupsResponse.DeletableGroupResult r : response.results()) {
                        outcomes.put(r.groupId(), TopicAdmin.outcome(r.errorCode(), null));
                    }
                    return outcomes;
                })));
    }
}
