package io.samsa.client.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.common.header.RecordHeader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ProducerRecord validation as Kafka's, and RecordMetadata offsets. */
class ProducerTypesTest {

    @Test
    void recordValidationMatchesKafka() {
        assertThrows(IllegalArgumentException.class, () -> new ProducerRecord<String, String>(null, "v"));
        assertThrows(IllegalArgumentException.class, () -> new ProducerRecord<>("t", -1, "k", "v"));
        assertThrows(IllegalArgumentException.class, () -> new ProducerRecord<>("t", 0, -5L, "k", "v"));
        ProducerRecord<String, String> record = new ProducerRecord<>("t", 2, 10L, "k", "v",
            List.of(new RecordHeader("h", new byte[] {1})));
        assertEquals(2, record.partition());
        assertEquals(1, record.headers().toArray().length);
        assertEquals(new ProducerRecord<>("t", 2, 10L, "k", "v", List.of(new RecordHeader("h", new byte[] {1}))), record);
        assertEquals(new org.apache.kafka.clients.producer.ProducerRecord<>("t", "k", "v").toString()
            .replace("RecordHeaders", "X"), new ProducerRecord<>("t", "k", "v").toString().replace("RecordHeaders", "X"));
    }

    @Test
    void metadataOffsetIsBasePlusIndex() {
        RecordMetadata metadata = new RecordMetadata(new TopicPartition("t", 1), 100, 3, 55, 1, 2);
        assertEquals(103, metadata.offset());
        assertEquals("t-1@103", metadata.toString());
        assertFalse(new RecordMetadata(new TopicPartition("t", 1), -1, 3, -1, -1, -1).hasOffset());
        assertEquals(new org.apache.kafka.clients.producer.RecordMetadata(
            new org.apache.kafka.common.TopicPartition("t", 1), 100, 3, 55, 1, 2).toString(), metadata.toString());
    }
}
