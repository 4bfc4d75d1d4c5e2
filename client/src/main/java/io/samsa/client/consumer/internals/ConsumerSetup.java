package io.samsa.client.consumer.internals;

import io.samsa.client.consumer.ConsumerConfig;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.serialization.Deserializer;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Construction helpers of SamsaConsumer: properties to a config map, deserializers from their
 * configured classes.
 *
 * <p>Stateless; thread-safe.
 */
public final class ConsumerSetup {
    private ConsumerSetup() {
    }

    public static Map<String, Object> propertiesToMap(Properties properties) {
        Map<String, Object> map = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        properties.forEach((k, v) -> map.putIfAbsent(String.valueOf(k), v));
        return map;
    }

    public static Deserializer<?> newDeserializer(ConsumerConfig config, String key, boolean isKey) {
        Class<?> type = config.getClass(key);
        try {
            Deserializer<?> deserializer = (Deserializer<?>) type.getDeclaredConstructor().newInstance();
            deserializer.configure(config.originals(), isKey);
            return deserializer;
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new KafkaException("Could not instantiate " + key + " " + type.getName(), e);
        }
    }
}
