package io.samsa.client.producer.internals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** Murmur2 must give exactly Kafka's hash, and the key rule Kafka's partition, for any bytes. */
class Murmur2Test {

    @Test
    void hashEqualsKafkasOnRandomInputsOfEveryTailLength() {
        Random random = new Random(1);
        for (int i = 0; i < 20_000; i++) {
            byte[] data = new byte[random.nextInt(i < 100 ? 8 : 200)];
            random.nextBytes(data);
            assertEquals(Utils.murmur2(data), Murmur2.hash(data), "length " + data.length);
            int partitions = 1 + random.nextInt(1000);
            assertEquals(Utils.toPositive(Utils.murmur2(data)) % partitions, Murmur2.partitionForKey(data, partitions));
        }
    }

    @Test
    void toPositiveEqualsKafkas() {
        for (int n : new int[] {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, -12345}) {
            assertEquals(Utils.toPositive(n), Murmur2.toPositive(n));
        }
    }

    @Test
    void knownKeyGoesWhereKafkaPutsIt() {
        // The default partitioner's classic check: "key" over 3 partitions.
        byte[] key = "key".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(Utils.toPositive(Utils.murmur2(key)) % 3, Murmur2.partitionForKey(key, 3));
    }
}
