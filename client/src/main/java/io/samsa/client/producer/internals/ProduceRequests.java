package io.samsa.client.producer.internals;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.internals.network.ClientRequest;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.ProduceRequest;
import io.samsa.protocol.message.ProduceResponse;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds Produce requests from drained batches and reads partition results out of responses.
 *
 * <p>Version: the highest both sides support, from v3 (the first with record batch v2). v13 names
 * topics by id, so it is allowed only when the metadata gave every topic of the request a real
 * (non-zero) id; otherwise the request is capped at v12, whose wire form names topics. A
 * transactional producer (transaction version 1) stays at v11: from v12 on a broker may add the
 * partition to the transaction itself, which belongs to transaction version 2 (KIP-890).
 *
 * <p>Stateless; thread-safe.
 */
public final class ProduceRequests {
    static final short MIN_VERSION = 3;
    static final short MAX_VERSION_BY_NAME = 12;
    static final short MAX_VERSION_BY_ID = 13;
    static final short MAX_VERSION_BEFORE_TV2 = 11;

    private ProduceRequests() {
    }

    /** One partition's result in a response. */
    public record PartitionResult(short errorCode, String errorMessage, long baseOffset, long logAppendTimeMs) {
    }

    /**
     * The request carrying {@code batches} (at most one per partition).
     *
     * @param topicIds the metadata's topic ids; a topic without a non-zero id caps the version at 12
     * @param acks     -1, 0 or 1; with 0 the request expects no response
     */
    public static ClientRequest request(List<ProducerBatch> batches, short acks, int timeoutMs, Map<String, Uuid> topicIds) {
        return request(batches, acks, timeoutMs, topicIds, null);
    }

    /** As {@link #request(List, short, int, Map)} for a transactional producer's batches ({@code transactionalId} null: none). */
    public static ClientRequest request(List<ProducerBatch> batches, short acks, int timeoutMs, Map<String, Uuid> topicIds,
                                        String transactionalId) {
        Map<String, List<ProducerBatch>> byTopic = new LinkedHashMap<>();
        for (ProducerBatch batch : batches) {
            byTopic.computeIfAbsent(batch.topicPartition().topic(), t -> new ArrayList<>()).add(batch);
        }
        boolean allIds = byTopic.keySet().stream().allMatch(t -> {
            Uuid id = topicIds.get(t);
            return id != null && !Uuid.ZERO.equals(id);
        });
        short maxVersion = transactionalId != null ? MAX_VERSION_BEFORE_TV2 : allIds ? MAX_VERSION_BY_ID : MAX_VERSION_BY_NAME;
        ClientRequest request = ClientRequest.build(ApiMessageType.PRODUCE, MIN_VERSION, maxVersion, version -> {
            List<ProduceRequest.TopicProduceData> topics = new ArrayList<>(byTopic.size());
            for (Map.Entry<String, List<ProducerBatch>> entry : byTopic.entrySet()) {
                ProduceRequest.TopicProduceData topic = new ProduceRequest.TopicProduceData();
                if (version >= MAX_VERSION_BY_ID) {
                    topic.setTopicId(topicIds.get(entry.getKey()));
                } else {
                    topic.setName(entry.getKey());
                }
                List<ProduceRequest.PartitionProduceData> partitions = new ArrayList<>(entry.getValue().size());
                for (ProducerBatch batch : entry.getValue()) {
                    partitions.add(new ProduceRequest.PartitionProduceData()
                        .setIndex(batch.topicPartition().partition())
                        .setRecords(new MemoryRecords(batch.buffer())));
                }
                topics.add(topic.setPartitionData(partitions));
            }
            return new ProduceRequest().setTransactionalId(transactionalId).setAcks(acks).setTimeoutMs(timeoutMs).setTopicData(topics);
        });
        return acks == 0 ? request.withoutResponse() : request;
    }

    /** Partition results by partition; topics answered by id are named through {@code topicIds}. */
    public static Map<TopicPartition, PartitionResult> results(ProduceResponse response, Map<String, Uuid> topicIds) {
        Map<Uuid, String> namesById = new HashMap<>();
        topicIds.forEach((name, id) -> namesById.put(id, name));
        Map<TopicPartition, PartitionResult> results = new HashMap<>();
        for (ProduceResponse.TopicProduceResponse topic : response.responses()) {
            String name = topic.name() != null && !topic.name().isEmpty() ? topic.name() : namesById.get(topic.topicId());
            if (name == null) {
                continue;
            }
            for (ProduceResponse.PartitionProduceResponse partition : topic.partitionResponses()) {
                results.put(new TopicPartition(name, partition.index()), new PartitionResult(partition.errorCode(),
                    partition.errorMessage(), partition.baseOffset(), partition.logAppendTimeMs()));
            }
        }
        return results;
    }
}
