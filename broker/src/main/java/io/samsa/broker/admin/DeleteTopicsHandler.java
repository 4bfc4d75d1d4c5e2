package io.samsa.broker.admin;

import io.samsa.broker.topics.Topic;
import io.samsa.broker.topics.TopicException;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.DeleteTopicsRequest;
import io.samsa.protocol.message.DeleteTopicsRequest.DeleteTopicState;
import io.samsa.protocol.message.DeleteTopicsResponse;
import io.samsa.protocol.message.DeleteTopicsResponse.DeletableTopicResult;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DeleteTopics (key 20), v1 to 6. Up to v5 topics come by name (topic_names); v6 names each topic
 * by name or by id (topics). The generated message fills whichever list the version carries and
 * leaves the other empty, so both are simply processed.
 *
 * <p>Deleting removes the topic from the registry; the registry's listeners (storage) delete the
 * partition logs. Errors per topic: unknown name UNKNOWN_TOPIC_OR_PARTITION, unknown id
 * UNKNOWN_TOPIC_ID, a name or id listed twice INVALID_REQUEST (one result for it), both name and
 * id given, or neither, INVALID_REQUEST; with {@code delete.topic.enable=false} every topic is
 * refused with TOPIC_DELETION_DISABLED, as in Kafka. Results carry the topic id (v6) and the error message
 * (v5+); the generated message drops them below.
 *
 * <p>Thread-safe; deletion is serialised by the registry.
 */
public final class DeleteTopicsHandler implements SynchronousHandler<DeleteTopicsRequest, DeleteTopicsResponse> {
    private final TopicRegistry registry;
    private final boolean deleteTopicEnable;

    /** @param deleteTopicEnable {@code delete.topic.enable}: false refuses every deletion */
    public DeleteTopicsHandler(TopicRegistry registry, boolean deleteTopicEnable) {
        this.registry = registry;
        this.deleteTopicEnable = deleteTopicEnable;
    }

    @Override
    public ApiKey api() {
        return ApiKey.DELETE_TOPICS;
    }

    @Override
    public DeleteTopicsResponse handle(DeleteTopicsRequest request, short apiVersion) {
        List<DeleteTopicState> targets = new ArrayList<>(request.topics());
        for (String name : request.topicNames()) {
            targets.add(new DeleteTopicState().setName(name));
        }
        Map<Object, Integer> occurrences = new HashMap<>();
        for (DeleteTopicState target : targets) {
            occurrences.merge(key(target), 1, Integer::sum);
        }
        List<DeletableTopicResult> results = new ArrayList<>(targets.size());
        for (DeleteTopicState target : targets) {
            Integer count = occurrences.remove(key(target));
            if (count == null) {
                continue; // a duplicate already answered
            }
            results.add(count > 1
                    ? error(target, ErrorCode.INVALID_REQUEST, "Duplicate topic in request: " + key(target))
                    : delete(target));
        }
        return new DeleteTopicsResponse().setThrottleTimeMs(0).setResponses(results);
    }

    private DeletableTopicResult delete(DeleteTopicState target) {
        if (!deleteTopicEnable) {
            return error(target, ErrorCode.TOPIC_DELETION_DISABLED, "Topic deletion is disabled.");
        }
        boolean hasName = target.name() != null;
        boolean hasId = !Uuid.ZERO.equals(target.topicId());
        if (hasName == hasId) {
            return error(target, ErrorCode.INVALID_REQUEST, hasName
                    ? "You may not specify both topic name and topic id."
                    : "Either a topic name or a non-zero topic id is required.");
        }
        try {
            Topic deleted = hasName ? registry.delete(target.name()) : registry.delete(target.topicId());
            return new DeletableTopicResult()
                    .setName(deleted.name())
                    .setTopicId(deleted.id())
                    .setErrorCode(ErrorCode.NONE.code())
                    .setErrorMessage(null);
        } catch (TopicException e) {
            return error(target, e.error(), e.getMessage());
        }
    }

    /** The identity a duplicate is judged by: the name when given, else the id. */
    private static Object key(DeleteTopicState target) {
        return target.name() != null ? target.name() : target.topicId();
    }

    private static DeletableTopicResult error(DeleteTopicState target, ErrorCode error, String message) {
        return new DeletableTopicResult()
                .setName(target.name())
                .setTopicId(target.topicId())
                .setErrorCode(error.code())
                .setErrorMessage(message);
    }
}
