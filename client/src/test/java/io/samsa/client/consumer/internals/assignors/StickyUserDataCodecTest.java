package io.samsa.client.consumer.internals.assignors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.client.common.TopicPartition;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.internals.AbstractStickyAssignor.MemberData;
import org.junit.jupiter.api.Test;

/**
 * The eager sticky user data is read by other members' assignors in mixed groups, so ours must be
 * byte-identical to Kafka's and each side must decode the other's, including Kafka's fall-backs
 * (v0 without generation, garbage meaning "nothing owned, generation -1").
 */
class StickyUserDataCodecTest {

    @Test
    void encodingIsByteIdenticalToKafkasAndBothDecodeEachOther() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            List<TopicPartition> owned = randomPartitions(random);
            int generation = random.nextInt(50) - 1;
            ByteBuffer ours = StickyUserDataCodec.encode(owned, generation);
            ByteBuffer theirs = kafkaEncode(owned, generation);
            assertArrayEquals(bytes(theirs), bytes(ours), "case " + i);

            // Both group by topic, so the decoded order is the encoded order, not the input order.
            MemberData decodedByKafka = kafkaDecode(ours.duplicate());
            StickyMemberData decodedByUs = StickyUserDataCodec.decode(theirs.duplicate());
            assertEquals(decodedByKafka.partitions.stream().map(Object::toString).collect(Collectors.toList()),
                names(decodedByUs.partitions()));
            assertEquals(sorted(names(owned)), sorted(names(decodedByUs.partitions())));
            assertEquals(Optional.of(generation), decodedByKafka.generation);
            assertEquals(Optional.of(generation), decodedByUs.generation());
        }
    }

    @Test
    void version0AndGarbageAreReadAsKafkaReadsThem() throws Exception {
        ByteBuffer v1 = StickyUserDataCodec.encode(List.of(new TopicPartition("t", 3), new TopicPartition("t", 4)), 9);
        ByteBuffer v0 = ByteBuffer.wrap(bytes(v1), 0, v1.remaining() - 4).slice();
        StickyMemberData fromV0 = StickyUserDataCodec.decode(v0);
        assertEquals(List.of("t-3", "t-4"), names(fromV0.partitions()));
        assertEquals(Optional.empty(), fromV0.generation());
        assertEquals(kafkaDecode(v0.duplicate()).generation, fromV0.generation());

        Random random = new Random(8);
        for (int i = 0; i < 300; i++) {
            byte[] garbage = new byte[random.nextInt(24)];
            random.nextBytes(garbage);
            StickyMemberData ours = new StickyAssignor().memberData(
                new io.samsa.client.consumer.ConsumerPartitionAssignor.Subscription(List.of("t"), ByteBuffer.wrap(garbage)));
            MemberData theirs = kafkaDecode(ByteBuffer.wrap(garbage));
            assertEquals(theirs.generation, ours.generation(), "garbage case " + i);
            assertEquals(theirs.partitions.stream().map(Object::toString).collect(Collectors.toList()), names(ours.partitions()));
        }
    }

    @Test
    void subscriptionUserDataAfterAnAssignmentIsReadAsKafkaReadsIt() throws Exception {
        List<TopicPartition> assigned = List.of(new TopicPartition("a", 0), new TopicPartition("b", 2), new TopicPartition("a", 3));
        io.samsa.client.consumer.ConsumerGroupMetadata group =
            new io.samsa.client.consumer.ConsumerGroupMetadata("g", 7, "m", Optional.empty());

        StickyAssignor sticky = new StickyAssignor();
        assertEquals(null, sticky.subscriptionUserData(java.util.Set.of("a")), "nothing to tell before the first assignment");
        sticky.onAssignment(new io.samsa.client.consumer.ConsumerPartitionAssignor.Assignment(assigned), group);
        MemberData kafkaView = kafkaDecode(sticky.subscriptionUserData(java.util.Set.of("a", "b")));
        assertEquals(sorted(names(assigned)), sorted(kafkaView.partitions.stream().map(Object::toString).collect(Collectors.toList())));
        assertEquals(Optional.of(7), kafkaView.generation);

        CooperativeStickyAssignor cooperative = new CooperativeStickyAssignor();
        cooperative.onAssignment(new io.samsa.client.consumer.ConsumerPartitionAssignor.Assignment(assigned), group);
        org.apache.kafka.clients.consumer.CooperativeStickyAssignor kafkaCooperative = new org.apache.kafka.clients.consumer.CooperativeStickyAssignor();
        kafkaCooperative.onAssignment(null, new org.apache.kafka.clients.consumer.ConsumerGroupMetadata("g", 7, "m", Optional.empty()));
        assertArrayEquals(bytes(kafkaCooperative.subscriptionUserData(java.util.Set.of("a"))),
            bytes(cooperative.subscriptionUserData(java.util.Set.of("a"))));
        StickyMemberData fromKafkaBytes = cooperative.memberData(new io.samsa.client.consumer.ConsumerPartitionAssignor.Subscription(
            List.of("a"), kafkaCooperative.subscriptionUserData(java.util.Set.of("a")), assigned));
        assertEquals(Optional.of(7), fromKafkaBytes.generation());
        assertEquals(assigned, fromKafkaBytes.partitions());
    }

    private static List<TopicPartition> randomPartitions(Random random) {
        List<TopicPartition> owned = new ArrayList<>();
        int topics = random.nextInt(4);
        for (int t = 0; t < topics; t++) {
            String topic = "topic-" + (char) ('a' + random.nextInt(26)) + random.nextInt(1000) + "-\u00e9";
            int partitions = random.nextInt(5);
            for (int p = 0; p < partitions; p++) {
                owned.add(new TopicPartition(topic, random.nextInt(100)));
            }
        }
        return owned;
    }

    private static ByteBuffer kafkaEncode(List<TopicPartition> owned, int generation) throws Exception {
        Method encode = org.apache.kafka.clients.consumer.StickyAssignor.class
            .getDeclaredMethod("serializeTopicPartitionAssignment", MemberData.class);
        encode.setAccessible(true);
        List<org.apache.kafka.common.TopicPartition> partitions = owned.stream()
            .map(tp -> new org.apache.kafka.common.TopicPartition(tp.topic(), tp.partition())).collect(Collectors.toList());
        return (ByteBuffer) encode.invoke(null, new MemberData(partitions, Optional.of(generation)));
    }

    private static MemberData kafkaDecode(ByteBuffer userData) throws Exception {
        Method decode = org.apache.kafka.clients.consumer.StickyAssignor.class
            .getDeclaredMethod("memberData", org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription.class);
        decode.setAccessible(true);
        return (MemberData) decode.invoke(new org.apache.kafka.clients.consumer.StickyAssignor(),
            new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription(List.of("t"), userData));
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().collect(Collectors.toList());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b;
    }

    private static List<String> names(List<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::toString).collect(Collectors.toList());
    }
}
