package io.samsa.broker.admin;

import io.samsa.broker.api.MessageHandler;
import io.samsa.broker.api.RequestContext;
import io.samsa.broker.metadata.ConfigAlteration.Outcome;
import io.samsa.broker.metadata.OverridesChange;
import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.ConfigChange;
import io.samsa.metadata.image.ConfigResource;
import io.samsa.metadata.records.proto.ConfigResourceType;
import io.samsa.metadata.rpc.ControllerRpcs;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.IncrementalAlterConfigsRequest.AlterConfigsResource;
import io.samsa.protocol.message.IncrementalAlterConfigsRequest;
import io.samsa.protocol.message.IncrementalAlterConfigsResponse.AlterConfigsResourceResponse;
import io.samsa.protocol.message.IncrementalAlterConfigsResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * IncrementalAlterConfigs (key 44) in cluster mode. A topic's or a group's changes are checked
 * here as on a single node (name, existence, operations, values), then written to the metadata log
 * by the active controller, so every broker takes them from its image (the topic registry and the
 * open logs of every replica; the group configs every coordinator reads); the answer waits (bounded) until this node's image shows them, so a
 * DescribeConfigs here right after sees the new values. validate_only checks without writing. A
 * failed forward answers NOT_CONTROLLER or REQUEST_TIMED_OUT for those resources. Broker
 * resources are answered as on a single node. Asynchronous, never blocks. Thread-safe.
 */
public final class ClusterIncrementalAlterConfigsHandler
        extends MessageHandler<IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse> {
    private final IncrementalAlterConfigsHandler local;
    private final ControllerChannel controller;
    private final long forwardTimeoutMs;

    /**
     * @param local            the single-node handler, whose checks and group/broker answers apply here too
     * @param forwardTimeoutMs how long the controller has to commit the changes
     */
    public ClusterIncrementalAlterConfigsHandler(IncrementalAlterConfigsHandler local, ControllerChannel controller,
                                                 long forwardTimeoutMs) {
        super(ApiKey.INCREMENTAL_ALTER_CONFIGS);
        this.local = local;
        this.controller = controller;
        this.forwardTimeoutMs = forwardTimeoutMs;
    }

    @Override
    protected CompletableFuture<IncrementalAlterConfigsResponse> handle(RequestContext context,
                                                                     IncrementalAlterConfigsRequest request) {
        List<AlterConfigsResource> resources = request.resources();
        AlterConfigsResourceResponse[] answers = new AlterConfigsResourceResponse[resources.size()];
        Map<Integer, ConfigChange> forwarded = new LinkedHashMap<>();
        for (int i = 0; i < resources.size(); i++) {
            AlterConfigsResource resource = resources.get(i);
            String name = resource.resourceName();
            OverridesChange change;
            ConfigResource target;
            if (resource.resourceType() == IncrementalAlterConfigsHandler.TOPIC_RESOURCE) {
                change = local.topicChange(name, IncrementalAlterConfigsHandler.operations(resource));
                target = ConfigResource.topic(name);
            } else if (resource.resourceType() == IncrementalAlterConfigsHandler.GROUP_RESOURCE) {
                change = local.groupChange(name, IncrementalAlterConfigsHandler.operations(resource));
                target = new ConfigResource(ConfigResourceType.CONFIG_RESOURCE_GROUP, name);
            } else {
                answers[i] = IncrementalAlterConfigsHandler.answer(resource, local.alterOther(resource, request.validateOnly()));
                continue;
            }
            if (change.changes() && !request.validateOnly()) {
                forwarded.put(i, ConfigChange.between(target, change.before(), change.after()));
            } else {
                answers[i] = IncrementalAlterConfigsHandler.answer(resource, change.outcome());
            }
        }
        if (forwarded.isEmpty()) {
            return CompletableFuture.completedFuture(response(answers));
        }
        return controller.forward(ControllerRpcs.alterConfigs(new ArrayList<>(forwarded.values())), forwardTimeoutMs)
                .handle((results, failure) -> {
                    List<ConfigChange> committed = new ArrayList<>();
                    forwarded.forEach((index, change) -> {
                        ApiError error = failure != null ? ControllerChannel.clientError(failure)
                                : results.getOrDefault(change.resource(),
                                ApiError.of(ErrorCode.UNKNOWN_SERVER_ERROR, "no answer for the topic"));
                        answers[index] = IncrementalAlterConfigsHandler.answer(resources.get(index),
                                new Outcome(error.error(), error.isError() ? error.message() : null));
                        if (!error.isError()) {
                            committed.add(change);
                        }
                    });
                    return committed;
                })
                .thenCompose(committed -> committed.isEmpty() ? CompletableFuture.completedFuture(null)
                        : controller.awaitImage(image -> committed.stream().allMatch(change ->
                                shows(image.configs(change.resource()), change))))
                .thenApply(ignored -> response(answers));
    }

    /** @return whether {@code configs} hold every change (set keys with their values, deleted keys absent) */
    private static boolean shows(Map<String, String> configs, ConfigChange change) {
        return change.changes().entrySet().stream().allMatch(e -> e.getValue().isPresent()
                ? e.getValue().get().equals(configs.get(e.getKey())) : !configs.containsKey(e.getKey()));
    }

    private static IncrementalAlterConfigsResponse response(AlterConfigsResourceResponse[] answers) {
        return new IncrementalAlterConfigsResponse().setThrottleTimeMs(0).setResponses(List.of(answers));
    }
}
