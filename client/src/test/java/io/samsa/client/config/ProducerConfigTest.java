package io.samsa.client.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.errors.ConfigException;
import io.samsa.client.producer.ProducerConfig;
import io.samsa.client.serialization.StringSerializer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Producer config parsing and Kafka's cross-key rules, checked against kafka-clients' ProducerConfig. */
class ProducerConfigTest {

    private static Map<String, Object> base() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", "127.0.0.1:9092");
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        return props;
    }

    @Test
    void idempotenceConflictsBehaveAsKafka() {
        Random random = new Random(5);
        String[] acks = {"all", "-1", "0", "1"};
        for (int i = 0; i < 300; i++) {
            Map<String, Object> props = base();
            if (random.nextBoolean()) {
                props.put("enable.idempotence", String.valueOf(random.nextBoolean()));
            }
            if (random.nextBoolean()) {
                props.put("acks", acks[random.nextInt(acks.length)]);
            }
            if (random.nextBoolean()) {
                props.put("max.in.flight.requests.per.connection", 1 + random.nextInt(7));
            }
            if (random.nextInt(3) == 0) {
                props.put("retries", random.nextInt(2));
            }
            if (random.nextInt(4) == 0) {
                props.put("transactional.id", "tx");
            }
            Map<String, Object> kafkaProps = new HashMap<>(props);
            kafkaProps.put("key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
            kafkaProps.put("value.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
            Object expected;
            try {
                org.apache.kafka.clients.producer.ProducerConfig kafka = new org.apache.kafka.clients.producer.ProducerConfig(kafkaProps);
                expected = kafka.getBoolean("enable.idempotence") + "/" + kafka.getString("acks");
            } catch (org.apache.kafka.common.config.ConfigException e) {
                expected = "ConfigException";
            }
            Object actual;
            try {
                ProducerConfig ours = new ProducerConfig(props);
                actual = ours.getBoolean("enable.idempotence") + "/" + ours.getString("acks");
            } catch (ConfigException e) {
                actual = "ConfigException";
            }
            assertEquals(expected, actual, props.toString());
        }
    }

    @Test
    void deliveryTimeoutBelowLingerPlusRequestTimeout() {
        Map<String, Object> explicit = base();
        explicit.put("delivery.timeout.ms", "1000");
        explicit.put("request.timeout.ms", "2000");
        ConfigException e = assertThrows(ConfigException.class, () -> new ProducerConfig(explicit));
        assertEquals("delivery.timeout.ms", e.name());

        Map<String, Object> defaulted = base();
        defaulted.put("request.timeout.ms", 200_000);
        defaulted.put("linger.ms", 10);
        assertEquals(200_010, new ProducerConfig(defaulted).getInt("delivery.timeout.ms"));
    }

    @Test
    void badValuesNameTheirKey() {
        assertKey("acks", Map.of("acks", "2"));
        assertKey("compression.type", Map.of("compression.type", "brotli"));
        assertKey("batch.size", Map.of("batch.size", "-1"));
        assertKey("linger.ms", Map.of("linger.ms", "soon"));
        assertKey("enable.idempotence", Map.of("enable.idempotence", "yes"));
        assertKey("security.protocol", Map.of("security.protocol", "SSL"));
        assertKey("key.serializer", Map.of("key.serializer", "com.example.Missing"));
        Map<String, Object> missing = base();
        missing.remove("value.serializer");
        ConfigException e = assertThrows(ConfigException.class, () -> new ProducerConfig(missing));
        assertTrue(e.getMessage().contains("value.serializer"), e.getMessage());
    }

    @Test
    void parsesPropertiesListsAndUnknownKeys() {
        Properties props = new Properties();
        props.putAll(base());
        props.put("bootstrap.servers", " a:1 , b:2 ");
        props.put("acks", "all");
        props.put("ssl.truststore.location", "/nowhere");
        ProducerConfig config = new ProducerConfig(props);
        assertEquals(List.of("a:1", "b:2"), config.getList("bootstrap.servers"));
        assertEquals(-1, config.acks());
        assertEquals(StringSerializer.class, config.getClass("key.serializer"));
        assertEquals(java.util.Set.of("ssl.truststore.location"), config.unknownKeys());
        assertEquals(List.of(new CommonClientConfigs.HostAndPort("a", 1), new CommonClientConfigs.HostAndPort("b", 2)),
            CommonClientConfigs.parseBootstrapServers(config.getList("bootstrap.servers")));
        assertThrows(ConfigException.class, () -> CommonClientConfigs.parseBootstrapServers(List.of("no-port")));
        assertThrows(ConfigException.class, () -> CommonClientConfigs.parseBootstrapServers(List.of()));
        Map<String, Object> withInstances = ProducerConfig.appendSerializerToConfig(Map.of("bootstrap.servers", "a:1"),
            new StringSerializer(), new StringSerializer());
        assertFalse(new ProducerConfig(withInstances).getBoolean("partitioner.ignore.keys"));
    }

    private static void assertKey(String key, Map<String, Object> overrides) {
        Map<String, Object> props = base();
        props.putAll(overrides);
        ConfigException e = assertThrows(ConfigException.class, () -> new ProducerConfig(props));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
