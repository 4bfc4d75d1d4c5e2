package io.samsa.metadata.controller;

import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.TopicResult;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.TopicImage;
import io.samsa.metadata.records.MetadataRecords;
import io.samsa.metadata.records.proto.MetadataRecord;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * DeleteTopics, by name or by id: one RemoveTopicRecord per topic (its partitions and configs go
 * with it on replay; every replica removes its files when it sees the delta). Stateless.
 */
final class TopicDeletion {
    private TopicDeletion() {
    }

    /**
     * @param names topics named in the request
     * @param ids   topics given by id
     */
    static ControllerResult<List<TopicResult>> deleteTopics(MetadataImage image, List<String> names, List<Uuid> ids) {
        List<MetadataRecord> records = new ArrayList<>();
        List<TopicResult> results = new ArrayList<>();
        Set<Uuid> removed = new HashSet<>();
        for (String name : names) {
            TopicImage topic = image.topic(name);
            if (topic == null) {
                results.add(new TopicResult(name, Uuid.ZERO, ApiError.of(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)));
            } else {
                remove(topic, removed, records, results);
            }
        }
        for (Uuid id : ids) {
            TopicImage topic = image.topic(id);
            if (topic == null) {
                results.add(new TopicResult(null, id, ApiError.of(ErrorCode.UNKNOWN_TOPIC_ID)));
            } else {
                remove(topic, removed, records, results);
            }
        }
        return ControllerResult.of(records, results);
    }

    private static void remove(TopicImage topic, Set<Uuid> removed, List<MetadataRecord> records,
                               List<TopicResult> results) {
        if (removed.add(topic.id())) {
            records.add(MetadataRecords.removeTopic(topic.id()));
        }
        results.add(new TopicResult(topic.name(), topic.id(), ApiError.NONE));
    }
}
