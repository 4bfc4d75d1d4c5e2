package io.samsa.broker.admin;

import io.samsa.broker.api.MessageHandler;
import io.samsa.broker.api.RequestContext;
import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.TopicResult;
import io.samsa.metadata.rpc.ControllerRpcs;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.DeleteTopicsRequest;
import io.samsa.protocol.message.DeleteTopicsRequest.DeleteTopicState;
import io.samsa.protocol.message.DeleteTopicsResponse;
import io.samsa.protocol.message.DeleteTopicsResponse.DeletableTopicResult;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * DeleteTopics (key 20), v1 to 6, in cluster mode: the active controller removes the topics (by
 * name, or by id from v6); every replica's broker then deletes its files as its image drops the
 * topic. Checked here as on a single node: {@code delete.topic.enable=false} (TOPIC_DELETION_DISABLED),
 * a name or id listed twice, both or neither given (INVALID_REQUEST). The controller answers
 * UNKNOWN_TOPIC_OR_PARTITION / UNKNOWN_TOPIC_ID; a failed forward NOT_CONTROLLER or
 * REQUEST_TIMED_OUT per topic. After a deletion, waits (bounded) until this node's image no
 * longer holds the topics. Asynchronous, never blocks. Thread-safe.
 */
public final class ClusterDeleteTopicsHandler extends MessageHandler<DeleteTopicsRequest, DeleteTopicsResponse> {
    private final ControllerChannel controller;
    private final boolean deleteTopicEnable;

    /** @param deleteTopicEnable {@code delete.topic.enable}: false refuses every deletion */
    public ClusterDeleteTopicsHandler(ControllerChannel controller, boolean deleteTopicEnable) {
        super(ApiKey.DELETE_TOPICS);
        this.controller = controller;
        this.deleteTopicEnable = deleteTopicEnable;
    }

    @Override
    protected CompletableFuture<DeleteTopicsResponse> handle(RequestContext context, DeleteTopicsRequest request) {
        List<DeleteTopicState> targets = new ArrayList<>(request.topics());
        for (String name : request.topicNames()) {
            targets.add(new DeleteTopicState().setName(name));
        }
        Map<Object, Integer> occurrences = new HashMap<>();
        targets.forEach(target -> occurrences.merge(key(target), 1, Integer::sum));
        Map<Object, DeletableTopicResult> results = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        List<Uuid> ids = new ArrayList<>();
        for (DeleteTopicState target : targets) {
            Object key = key(target);
            if (results.containsKey(key)) {
                continue; // a duplicate already answered
            }
            boolean hasName = target.name() != null;
            boolean hasId = !Uuid.ZERO.equals(target.topicId());
            if (occurrences.get(key) > 1) {
                results.put(key, error(target, ApiError.of(ErrorCode.INVALID_REQUEST, "Duplicate topic in request: " + key)));
            } else if (!deleteTopicEnable) {
                results.put(key, error(target, ApiError.of(ErrorCode.TOPIC_DELETION_DISABLED, "Topic deletion is disabled.")));
            } else if (hasName == hasId) {
                results.put(key, error(target, ApiError.of(ErrorCode.INVALID_REQUEST, hasName
                        ? "You may not specify both topic name and topic id."
                        : "Either a topic name or a non-zero topic id is required.")));
            } else {
                results.put(key, error(target, ApiError.of(ErrorCode.UNKNOWN_SERVER_ERROR, "no answer for the topic")));
                if (hasName) {
                    names.add(target.name());
                } else {
                    ids.add(target.topicId());
                }
            }
        }
        if (names.isEmpty() && ids.isEmpty()) {
            return CompletableFuture.completedFuture(response(results));
        }
        return controller.forward(ControllerRpcs.deleteTopics(names, ids), request.timeoutMs())
                .handle((answers, failure) -> {
                    List<Uuid> deleted = new ArrayList<>();
                    if (failure != null) {
                        ApiError error = ControllerChannel.clientError(failure);
                        names.forEach(name -> results.put(name, error(new DeleteTopicState().setName(name), error)));
                        ids.forEach(id -> results.put(id, error(new DeleteTopicState().setTopicId(id), error)));
                        return deleted;
                    }
                    // The controller answers the names first, then the ids, each in request order.
                    for (int i = 0; i < answers.size(); i++) {
                        TopicResult answer = answers.get(i);
                        Object key = i < names.size() ? names.get(i) : ids.get(i - names.size());
                        results.put(key, new DeletableTopicResult()
                                .setName(answer.name())
                                .setTopicId(answer.topicId())
                                .setErrorCode(answer.error().error().code())
                                .setErrorMessage(answer.error().isError() ? answer.error().message() : null));
                        if (!answer.error().isError()) {
                            deleted.add(answer.topicId());
                        }
                    }
                    return deleted;
                })
                .thenCompose(deleted -> deleted.isEmpty() ? CompletableFuture.completedFuture(null)
                        : controller.awaitImage(image -> deleted.stream().allMatch(id -> image.topic(id) == null)))
                .thenApply(ignored -> response(results));
    }

    /** The identity a duplicate is judged by: the name when given, else the id. */
    private static Object key(DeleteTopicState target) {
        return target.name() != null ? target.name() : target.topicId();
    }

    private static DeleteTopicsResponse response(Map<Object, DeletableTopicResult> results) {
        return new DeleteTopicsResponse().setThrottleTimeMs(0).setResponses(new ArrayList<>(results.values()));
    }

    private static DeletableTopicResult error(DeleteTopicState target, ApiError error) {
        return new DeletableTopicResult()
                .setName(target.name())
                .setTopicId(target.topicId())
                .setErrorCode(error.error().code())
                .setErrorMessage(error.message());
    }
}
