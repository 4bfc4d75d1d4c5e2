package io.samsa.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A Kafka user should find the same methods under the same names: every public method of our API
 * types must exist on kafka-clients' type of the same name with the same parameter type names, and
 * the Kafka methods we leave out are listed here on purpose.
 */
class ApiShapeTest {

    @Test
    void consumerHasKafkasMethodsExceptTheListedOnes() throws Exception {
        compare("consumer.Consumer", "org.apache.kafka.clients.consumer.Consumer",
            Set.of("clientInstanceId(Duration)", "close(CloseOptions)", "currentLag(TopicPartition)",
                "registerMetricForSubscription(KafkaMetric)", "unregisterMetricFromSubscription(KafkaMetric)"));
    }

    @Test
    void producerHasKafkasMethodsExceptTheListedOnes() throws Exception {
        compare("producer.Producer", "org.apache.kafka.clients.producer.Producer",
            Set.of("clientInstanceId(Duration)",
                "registerMetricForSubscription(KafkaMetric)", "unregisterMetricFromSubscription(KafkaMetric)"));
    }

    @Test
    void valueTypesMatch() throws Exception {
        compare("producer.ProducerRecord", "org.apache.kafka.clients.producer.ProducerRecord", null);
        compare("producer.RecordMetadata", "org.apache.kafka.clients.producer.RecordMetadata", null);
        compare("producer.Callback", "org.apache.kafka.clients.producer.Callback", null);
        compare("consumer.ConsumerRecord", "org.apache.kafka.clients.consumer.ConsumerRecord", null);
        compare("consumer.ConsumerRecords", "org.apache.kafka.clients.consumer.ConsumerRecords", null);
        compare("consumer.OffsetAndMetadata", "org.apache.kafka.clients.consumer.OffsetAndMetadata", null);
        compare("consumer.OffsetAndTimestamp", "org.apache.kafka.clients.consumer.OffsetAndTimestamp", null);
        compare("consumer.OffsetCommitCallback", "org.apache.kafka.clients.consumer.OffsetCommitCallback", null);
        compare("consumer.ConsumerRebalanceListener", "org.apache.kafka.clients.consumer.ConsumerRebalanceListener", null);
        compare("consumer.ConsumerGroupMetadata", "org.apache.kafka.clients.consumer.ConsumerGroupMetadata", null);
        compare("common.TopicPartition", "org.apache.kafka.common.TopicPartition", null);
        compare("common.header.Headers", "org.apache.kafka.common.header.Headers", null);
        compare("serialization.Serializer", "org.apache.kafka.common.serialization.Serializer", null);
        compare("serialization.Deserializer", "org.apache.kafka.common.serialization.Deserializer", null);
    }

    /**
     * @param kafkaOnly when not null, the Kafka methods (of the interface) we do not have, exactly
     */
    private static void compare(String ours, String theirs, Set<String> kafkaOnly) throws Exception {
        Set<String> ourMethods = signatures(Class.forName("io.samsa.client." + ours));
        Set<String> kafkaMethods = signatures(Class.forName(theirs));
        Set<String> missingInKafka = new TreeSet<>(ourMethods);
        missingInKafka.removeAll(kafkaMethods);
        assertEquals(Set.of(), missingInKafka, ours + " methods Kafka's " + theirs + " lacks");
        if (kafkaOnly != null) {
            Set<String> missingInOurs = new TreeSet<>(kafkaMethods);
            missingInOurs.removeAll(ourMethods);
            assertEquals(new TreeSet<>(kafkaOnly), missingInOurs, "Kafka methods we leave out");
        }
    }

    private static Set<String> signatures(Class<?> type) {
        return Arrays.stream(type.getMethods())
            .filter(m -> m.getDeclaringClass() != Object.class && !Modifier.isStatic(m.getModifiers()))
            .filter(m -> !m.isSynthetic() && !m.isBridge())
            .map(ApiShapeTest::signature)
            .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String signature(Method m) {
        List<String> params = Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.toList());
        return m.getName() + "(" + String.join(",", params) + ")";
    }
}
