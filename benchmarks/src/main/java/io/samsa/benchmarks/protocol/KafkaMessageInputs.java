package io.samsa.benchmarks.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ConsumerProtocolSubscription;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.Message;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;

/**
 * The wire inputs of the message benchmarks, built and encoded by kafka-clients so Samsa and Kafka
 * decode the very same bytes. Seeded, so every run measures the same content. Stateless.
 */
final class KafkaMessageInputs {
    private static final long SEED = 42;

    private KafkaMessageInputs() {
    }

    /** The message body as kafka-clients encodes it, position 0, read-only by contract. */
    static ByteBuffer encode(Message message, short version) {
        return MessageUtil.toByteBufferAccessor(message, version).buffer();
    }

    /** A Produce request with one partition carrying at least {@code recordBytes} of records. */
    static ProduceRequestData produceRequest(int recordBytes) {
        Random random = new Random(SEED);
        int valueBytes = 1000;
        int count = (recordBytes + valueBytes - 1) / valueBytes;
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            records[i] = new SimpleRecord(1_700_000_000_000L + i, ("key-" + i).getBytes(), randomBytes(random, valueBytes));
        }
        MemoryRecords memoryRecords = MemoryRecords.withRecords(Compression.NONE, records);
        ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
        topics.add(new ProduceRequestData.TopicProduceData()
            .setName("bench-topic")
            .setPartitionData(List.of(new ProduceRequestData.PartitionProduceData().setIndex(3).setRecords(memoryRecords))));
        return new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000).setTopicData(topics);
    }

    /** A JoinGroup request of a consumer offering two assignors. */
    static JoinGroupRequestData joinGroupRequest() {
        byte[] subscription = subscription();
        JoinGroupRequestData.JoinGroupRequestProtocolCollection protocols = new JoinGroupRequestData.JoinGroupRequestProtocolCollection();
        protocols.add(new JoinGroupRequestData.JoinGroupRequestProtocol().setName("cooperative-sticky").setMetadata(subscription));
        protocols.add(new JoinGroupRequestData.JoinGroupRequestProtocol().setName("range").setMetadata(subscription));
        return new JoinGroupRequestData()
            .setGroupId("payments-processor")
            .setSessionTimeoutMs(45_000)
            .setRebalanceTimeoutMs(300_000)
            .setMemberId("consumer-payments-processor-1-2b5d6f0e-0c1a-4d3e-9f2b-6a7c8d9e0f11")
            .setGroupInstanceId(null)
            .setProtocolType("consumer")
            .setProtocols(protocols)
            .setReason("rebalance failed due to MemberIdRequiredException");
    }

    /** The leader's JoinGroup response: {@code members} members, each with its subscription. */
    static JoinGroupResponseData joinGroupResponse(int members) {
        byte[] subscription = subscription();
        List<JoinGroupResponseData.JoinGroupResponseMember> list = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            list.add(new JoinGroupResponseData.JoinGroupResponseMember()
                .setMemberId("consumer-payments-processor-" + i + "-2b5d6f0e-0c1a-4d3e-9f2b-6a7c8d9e0f11")
                .setGroupInstanceId(i % 2 == 0 ? null : "instance-" + i)
                .setMetadata(subscription));
        }
        return new JoinGroupResponseData()
            .setGenerationId(17)
            .setProtocolType("consumer")
            .setProtocolName("cooperative-sticky")
            .setLeader(list.get(0).memberId())
            .setMemberId(list.get(0).memberId())
            .setMembers(list);
    }

    /** A Fetch response with {@code partitions} partitions of one topic, each with a small batch. */
    static FetchResponseData fetchResponse(int partitions, int recordsPerPartition) {
        Random random = new Random(SEED);
        List<FetchResponseData.PartitionData> partitionData = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            SimpleRecord[] records = new SimpleRecord[recordsPerPartition];
            for (int i = 0; i < recordsPerPartition; i++) {
                records[i] = new SimpleRecord(1_700_000_000_000L + i, null, randomBytes(random, 100));
            }
            partitionData.add(new FetchResponseData.PartitionData()
                .setPartitionIndex(p)
                .setHighWatermark(1_000_000L + p)
                .setLastStableOffset(1_000_000L + p)
                .setLogStartOffset(0)
                .setAbortedTransactions(null)
                .setRecords(MemoryRecords.withRecords(1_000L * p, Compression.NONE, records)));
        }
        return new FetchResponseData()
            .setSessionId(12_345)
            .setResponses(List.of(new FetchResponseData.FetchableTopicResponse().setTopic("bench-topic").setPartitions(partitionData)));
    }

    /** A ConsumerProtocolSubscription v3 as a consumer puts it in JoinGroup metadata. */
    private static byte[] subscription() {
        ConsumerProtocolSubscription.TopicPartitionCollection owned = new ConsumerProtocolSubscription.TopicPartitionCollection();
        owned.add(new ConsumerProtocolSubscription.TopicPartition().setTopic("payments").setPartitions(Arrays.asList(0, 3, 6)));
        ConsumerProtocolSubscription subscription = new ConsumerProtocolSubscription()
            .setTopics(List.of("payments", "refunds", "audit-log"))
            .setOwnedPartitions(owned)
            .setGenerationId(16)
            .setRackId("eu-west-1a");
        return MessageUtil.toVersionPrefixedBytes((short) 3, subscription);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
