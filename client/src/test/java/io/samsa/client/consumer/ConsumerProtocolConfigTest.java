package io.samsa.client.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.errors.ConfigException;
import io.samsa.client.serialization.StringDeserializer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * {@code group.protocol=consumer} at construction, with kafka-clients 4.1 as the oracle: the classic
 * settings the protocol forbids are refused with ConfigException, the group protocol picks the
 * membership, and the calls that belong to one protocol behave as kafka-clients' do under the other.
 * Nothing here connects: constructors and subscribe do no I/O.
 */
class ConsumerProtocolConfigTest {

    private static Map<String, Object> base(String protocol) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", "127.0.0.1:1");
        config.put("group.id", "g");
        config.put("group.protocol", protocol);
        config.put("key.deserializer", StringDeserializer.class);
        config.put("value.deserializer", StringDeserializer.class);
        return config;
    }

    private static Properties kafkaBase(String protocol) {
        Properties props = new Properties();
        props.put("bootstrap.servers", "127.0.0.1:1");
        props.put("group.id", "g");
        props.put("group.protocol", protocol);
        props.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        props.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        return props;
    }

    @Test
    void theClassicOnlySettingsAreRefusedAsKafkaRefusesThem() {
        Map<String, String> forbidden = Map.of("partition.assignment.strategy", "range", "session.timeout.ms", "30000",
            "heartbeat.interval.ms", "1000");
        forbidden.forEach((key, value) -> {
            Map<String, Object> config = base("consumer");
            config.put(key, value);
            ConfigException e = assertThrows(ConfigException.class, () -> new SamsaConsumer<String, String>(config), key);
            assertTrue(e.getMessage().contains(key), e.getMessage());
            Properties props = kafkaBase("consumer");
            props.put(key, value);
            assertThrows(org.apache.kafka.common.KafkaException.class, () -> new KafkaConsumer<String, String>(props).close(java.time.Duration.ZERO),
                "kafka-clients refuses " + key + " too");
        });
    }

    @Test
    void theConsumerProtocolIsAcceptedAndTheClassicCallsBehaveAsKafkasNewConsumer() {
        Map<String, Object> config = base("consumer");
        config.put("group.remote.assignor", "range");
        config.put("group.instance.id", "instance-1");
        SamsaConsumer<String, String> consumer = new SamsaConsumer<>(config);
        KafkaConsumer<String, String> kafka = new KafkaConsumer<>(withRemoteAssignor(kafkaBase("consumer")));
        try {
            consumer.subscribe(List.of("t"));
            kafka.subscribe(List.of("t"));
            consumer.enforceRebalance("test"); // logged only, as kafka-clients' new consumer does
            kafka.enforceRebalance("test");
            assertEquals("g", consumer.groupMetadata().groupId());
            assertEquals(kafka.groupMetadata().generationId(), consumer.groupMetadata().generationId(), "no epoch before joining");
            assertEquals(kafka.groupMetadata().groupInstanceId(), consumer.groupMetadata().groupInstanceId());
            consumer.unsubscribe();
            consumer.subscribe(new SubscriptionPattern("t-.*"));
            assertEquals(java.util.Set.of(), consumer.subscription(), "nothing assigned yet");
        } finally {
            consumer.close(java.time.Duration.ofMillis(500));
            kafka.close(java.time.Duration.ZERO);
        }
    }

    private static Properties withRemoteAssignor(Properties props) {
        props.put("group.remote.assignor", "range");
        props.put("group.instance.id", "instance-1");
        return props;
    }

    @Test
    void aSubscriptionPatternNeedsTheConsumerProtocol() {
        SamsaConsumer<String, String> classic = new SamsaConsumer<>(base("classic"));
        KafkaConsumer<String, String> kafka = new KafkaConsumer<>(kafkaBase("classic"));
        try {
            RuntimeException ours = assertThrows(RuntimeException.class, () -> classic.subscribe(new SubscriptionPattern("t-.*")));
            RuntimeException theirs = assertThrows(RuntimeException.class,
                () -> kafka.subscribe(new org.apache.kafka.clients.consumer.SubscriptionPattern("t-.*")));
            assertEquals(theirs.getClass().getSimpleName(), ours.getClass().getSimpleName(), theirs.toString());
        } finally {
            classic.close(java.time.Duration.ZERO);
            kafka.close(java.time.Duration.ZERO);
        }
    }

    @Test
    void aRemoteAssignorUnderTheClassicProtocolIsRefusedAsKafkaRefusesIt() {
        Map<String, Object> config = base("classic");
        config.put("group.remote.assignor", "range");
        ConfigException e = assertThrows(ConfigException.class, () -> new SamsaConsumer<String, String>(config));
        assertTrue(e.getMessage().contains("group.remote.assignor"), e.getMessage());
        Properties props = kafkaBase("classic");
        props.put("group.remote.assignor", "range");
        assertThrows(org.apache.kafka.common.KafkaException.class,
            () -> new KafkaConsumer<String, String>(props).close(java.time.Duration.ZERO));
    }
}
