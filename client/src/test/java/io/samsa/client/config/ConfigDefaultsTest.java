package io.samsa.client.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.admin.AdminClientConfig;
import io.samsa.client.consumer.ConsumerConfig;
import io.samsa.client.consumer.internals.assignors.Assignors;
import io.samsa.client.producer.ProducerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every key we define must exist in kafka-clients' definition of the same client with the same
 * type and default (Kafka's default, parsed), so a Kafka user's settings and expectations carry
 * over. (Accepted values may be narrower on purpose, e.g. {@code security.protocol} accepts only
 * PLAINTEXT for now; defaults are always Kafka's.)
 */
class ConfigDefaultsTest {

    @Test
    void producerDefaultsEqualKafkas() {
        compare(ProducerConfig.configDef(), org.apache.kafka.clients.producer.ProducerConfig.configDef(), 40);
    }

    @Test
    void consumerDefaultsEqualKafkas() {
        compare(ConsumerConfig.configDef(), org.apache.kafka.clients.consumer.ConsumerConfig.configDef(), 40);
    }

    @Test
    void adminDefaultsEqualKafkas() {
        compare(AdminClientConfig.configDef(), org.apache.kafka.clients.admin.AdminClientConfig.configDef(), 20);
    }

    @Test
    void briefedKeysArePresent() {
        Set<String> producer = ProducerConfig.configDef().names();
        for (String key : List.of("bootstrap.servers", "client.id", "acks", "linger.ms", "batch.size", "buffer.memory",
            "compression.type", "retries", "delivery.timeout.ms", "request.timeout.ms", "max.in.flight.requests.per.connection",
            "max.request.size", "max.block.ms", "enable.idempotence", "key.serializer", "value.serializer", "partitioner.class",
            "partitioner.ignore.keys", "retry.backoff.ms", "reconnect.backoff.ms", "metadata.max.age.ms")) {
            assertTrue(producer.contains(key), key);
        }
        Set<String> consumer = ConsumerConfig.configDef().names();
        for (String key : List.of("group.id", "group.instance.id", "enable.auto.commit", "auto.commit.interval.ms",
            "auto.offset.reset", "fetch.min.bytes", "fetch.max.bytes", "fetch.max.wait.ms", "max.partition.fetch.bytes",
            "max.poll.records", "max.poll.interval.ms", "session.timeout.ms", "heartbeat.interval.ms",
            "partition.assignment.strategy", "isolation.level", "default.api.timeout.ms", "metadata.max.age.ms",
            "key.deserializer", "value.deserializer", "retry.backoff.ms", "reconnect.backoff.ms", "allow.auto.create.topics",
            "client.rack", "check.crcs", "exclude.internal.topics")) {
            assertTrue(consumer.contains(key), key);
        }
    }

    private static void compare(ConfigDef ours, org.apache.kafka.common.config.ConfigDef theirs, int atLeast) {
        Map<String, org.apache.kafka.common.config.ConfigDef.ConfigKey> kafkaKeys = theirs.configKeys();
        List<String> mismatches = new ArrayList<>();
        for (ConfigKey key : ours.configKeys().values()) {
            org.apache.kafka.common.config.ConfigDef.ConfigKey kafka = kafkaKeys.get(key.name());
            if (kafka == null) {
                mismatches.add(key.name() + ": not a Kafka key");
                continue;
            }
            if (!kafka.type.name().equals(key.type().name())) {
                mismatches.add(key.name() + ": type " + key.type() + " vs Kafka's " + kafka.type);
            }
            boolean kafkaRequired = kafka.defaultValue == org.apache.kafka.common.config.ConfigDef.NO_DEFAULT_VALUE;
            if (kafkaRequired != key.required()) {
                mismatches.add(key.name() + ": required " + key.required() + " vs Kafka's " + kafkaRequired);
            } else if (!kafkaRequired && !normalize(key.name(), kafka.defaultValue).equals(normalize(key.name(), key.defaultValue()))) {
                mismatches.add(key.name() + ": default " + key.defaultValue() + " vs Kafka's " + kafka.defaultValue);
            }
        }
        assertEquals(List.of(), mismatches);
        assertTrue(ours.configKeys().size() >= atLeast, "defines " + ours.configKeys().size() + " keys");
    }

    /** Defaults in one comparable form: lists of names, assignor classes as our assignor names. */
    private static Object normalize(String name, Object value) {
        if (value instanceof List) {
            return ((List<?>) value).stream().map(v -> {
                String text = v instanceof Class ? ((Class<?>) v).getName() : String.valueOf(v);
                String assignor = name.equals("partition.assignment.strategy") ? Assignors.canonicalName(text) : null;
                return assignor == null ? text : assignor;
            }).collect(Collectors.toList());
        }
        return String.valueOf(value);
    }
}
