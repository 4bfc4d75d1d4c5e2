package io.samsa.client.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.admin.AdminClientConfig;
import io.samsa.client.consumer.ConsumerConfig;
import io.samsa.client.consumer.OffsetResetStrategy;
import io.samsa.client.errors.ConfigException;
import io.samsa.client.serialization.StringDeserializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Consumer and admin config parsing and cross-key rules. */
class ConsumerAndAdminConfigTest {

    private static Map<String, Object> base() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", "127.0.0.1:9092");
        props.put("group.id", "g");
        props.put("key.deserializer", StringDeserializer.class);
        props.put("value.deserializer", StringDeserializer.class.getName());
        return props;
    }

    @Test
    void assignmentStrategyAcceptsNamesAndKafkaClassNames() {
        Map<String, Object> props = base();
        props.put("partition.assignment.strategy",
            "org.apache.kafka.clients.consumer.CooperativeStickyAssignor, roundrobin, org.apache.kafka.clients.consumer.RangeAssignor");
        assertEquals(List.of("cooperative-sticky", "roundrobin", "range"), new ConsumerConfig(props).assignorNames());
        props.put("partition.assignment.strategy", List.of(org.apache.kafka.clients.consumer.StickyAssignor.class));
        assertEquals(List.of("sticky"), new ConsumerConfig(props).assignorNames());
        assertEquals(List.of("range", "cooperative-sticky"), new ConsumerConfig(base()).assignorNames());
        props.put("partition.assignment.strategy", "com.example.MyAssignor");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConsumerConfig(props));
        assertEquals("partition.assignment.strategy", e.name());
    }

    @Test
    void heartbeatMustBeBelowSessionTimeout() {
        Map<String, Object> props = base();
        props.put("heartbeat.interval.ms", 10_000);
        props.put("session.timeout.ms", 10_000);
        ConfigException e = assertThrows(ConfigException.class, () -> new ConsumerConfig(props));
        assertEquals("heartbeat.interval.ms", e.name());
    }

    @Test
    void autoCommitWithoutGroupAsKafka() {
        Map<String, Object> props = base();
        props.remove("group.id");
        assertFalse(new ConsumerConfig(props).getBoolean("enable.auto.commit"));
        props.put("enable.auto.commit", "true");
        assertThrows(ConfigException.class, () -> new ConsumerConfig(props));
        Map<String, Object> kafkaProps = new HashMap<>(props);
        kafkaProps.put("key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class);
        kafkaProps.put("value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class);
        assertThrows(org.apache.kafka.common.KafkaException.class,
            () -> new org.apache.kafka.clients.consumer.ConsumerConfig(kafkaProps));
        assertTrue(new ConsumerConfig(base()).getBoolean("enable.auto.commit"));
    }

    @Test
    void consumerProtocolRejectsClassicOnlySettings() {
        Map<String, Object> props = base();
        props.put("group.protocol", "consumer");
        new ConsumerConfig(props);
        props.put("session.timeout.ms", 30_000);
        assertThrows(ConfigException.class, () -> new ConsumerConfig(props));
    }

    @Test
    void offsetResetValues() {
        for (String value : List.of("latest", "earliest", "none", "by_duration:PT1H")) {
            Map<String, Object> props = base();
            props.put("auto.offset.reset", value);
            assertEquals(value, new ConsumerConfig(props).getString("auto.offset.reset"));
        }
        assertEquals(OffsetResetStrategy.BY_DURATION, OffsetResetStrategy.forConfig("by_duration:P1D"));
        assertEquals(Duration.ofHours(1), OffsetResetStrategy.duration("by_duration:PT1H"));
        for (String bad : List.of("smallest", "by_duration:-PT1H", "by_duration:soon")) {
            Map<String, Object> props = base();
            props.put("auto.offset.reset", bad);
            ConfigException e = assertThrows(ConfigException.class, () -> new ConsumerConfig(props), bad);
            assertTrue(e.getMessage().contains("auto.offset.reset"), e.getMessage());
        }
    }

    @Test
    void isolationLevelAndRanges() {
        Map<String, Object> props = base();
        props.put("isolation.level", "read_dirty");
        assertThrows(ConfigException.class, () -> new ConsumerConfig(props));
        Map<String, Object> zeroPoll = base();
        zeroPoll.put("max.poll.records", 0);
        assertThrows(ConfigException.class, () -> new ConsumerConfig(zeroPoll));
    }

    @Test
    void adminApiTimeoutAtLeastRequestTimeout() {
        assertThrows(ConfigException.class, () -> new AdminClientConfig(Map.of("bootstrap.servers", "a:1",
            "default.api.timeout.ms", 1000, "request.timeout.ms", 2000)));
        assertEquals(90_000, new AdminClientConfig(Map.of("bootstrap.servers", "a:1", "request.timeout.ms", 90_000))
            .getInt("default.api.timeout.ms"));
        assertEquals(Integer.MAX_VALUE, new AdminClientConfig(Map.of()).getInt("retries"));
    }
}
