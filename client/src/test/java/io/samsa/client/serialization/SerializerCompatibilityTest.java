package io.samsa.client.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.samsa.client.errors.SerializationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every built-in serializer must produce exactly kafka-clients' bytes for the same value, and every
 * deserializer must read kafka-clients' bytes back to the same value (random values, edge values,
 * nulls, wrong lengths).
 */
class SerializerCompatibilityTest {
    private static final String TOPIC = "t";
    private final Random random = new Random(42);

    @Test
    void integersLongsShortsDoublesFloatsMatchKafka() {
        for (int i = 0; i < 500; i++) {
            int n = i < 3 ? new int[] {0, Integer.MIN_VALUE, Integer.MAX_VALUE}[i] : random.nextInt();
            roundTrip(new IntegerSerializer(), new org.apache.kafka.common.serialization.IntegerSerializer(),
                new IntegerDeserializer(), new org.apache.kafka.common.serialization.IntegerDeserializer(), n);
            long l = random.nextLong();
            roundTrip(new LongSerializer(), new org.apache.kafka.common.serialization.LongSerializer(),
                new LongDeserializer(), new org.apache.kafka.common.serialization.LongDeserializer(), l);
            short s = (short) random.nextInt();
            roundTrip(new ShortSerializer(), new org.apache.kafka.common.serialization.ShortSerializer(),
                new ShortDeserializer(), new org.apache.kafka.common.serialization.ShortDeserializer(), s);
            double d = i == 0 ? Double.NaN : random.nextGaussian() * 1e9;
            roundTrip(new DoubleSerializer(), new org.apache.kafka.common.serialization.DoubleSerializer(),
                new DoubleDeserializer(), new org.apache.kafka.common.serialization.DoubleDeserializer(), d);
            float f = random.nextFloat();
            roundTrip(new FloatSerializer(), new org.apache.kafka.common.serialization.FloatSerializer(),
                new FloatDeserializer(), new org.apache.kafka.common.serialization.FloatDeserializer(), f);
        }
    }

    @Test
    void stringsMatchKafkaInEveryConfiguredEncoding() {
        for (String encoding : new String[] {null, "UTF-16", "ISO-8859-1"}) {
            Map<String, Object> configs = encoding == null ? Map.of() : Map.of("value.serializer.encoding", encoding,
                "value.deserializer.encoding", encoding);
            StringSerializer ours = new StringSerializer();
            ours.configure(configs, false);
            org.apache.kafka.common.serialization.StringSerializer theirs = new org.apache.kafka.common.serialization.StringSerializer();
            theirs.configure(configs, false);
            StringDeserializer ourDe = new StringDeserializer();
            ourDe.configure(configs, false);
            org.apache.kafka.common.serialization.StringDeserializer theirDe = new org.apache.kafka.common.serialization.StringDeserializer();
            theirDe.configure(configs, false);
            for (int i = 0; i < 200; i++) {
                String value = randomString(encoding == null || encoding.equals("UTF-16"));
                byte[] bytes = theirs.serialize(TOPIC, value);
                assertArrayEquals(bytes, ours.serialize(TOPIC, value));
                assertEquals(theirDe.deserialize(TOPIC, bytes), ourDe.deserialize(TOPIC, bytes));
                assertEquals(theirDe.deserialize(TOPIC, bytes), ourDe.deserialize(TOPIC, null, ByteBuffer.wrap(bytes)));
            }
        }
        StringSerializer generic = new StringSerializer();
        generic.configure(Map.of("serializer.encoding", "UTF-16"), true);
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_16), generic.serialize(TOPIC, "x"));
        StringSerializer bad = new StringSerializer();
        assertThrows(SerializationException.class, () -> bad.configure(Map.of("key.serializer.encoding", "no-such-charset"), true));
    }

    @Test
    void uuidsMatchKafka() {
        for (int i = 0; i < 200; i++) {
            UUID uuid = new UUID(random.nextLong(), random.nextLong());
            roundTrip(new UUIDSerializer(), new org.apache.kafka.common.serialization.UUIDSerializer(),
                new UUIDDeserializer(), new org.apache.kafka.common.serialization.UUIDDeserializer(), uuid);
        }
        assertThrows(SerializationException.class, () -> new UUIDDeserializer().deserialize(TOPIC, "nope".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void byteArraysAndByteBuffersMatchKafka() {
        for (int i = 0; i < 200; i++) {
            byte[] data = new byte[random.nextInt(40)];
            random.nextBytes(data);
            assertArrayEquals(new org.apache.kafka.common.serialization.ByteArraySerializer().serialize(TOPIC, data),
                new ByteArraySerializer().serialize(TOPIC, data));
            int position = data.length == 0 ? 0 : random.nextInt(data.length);
            ByteBuffer theirsInput = ByteBuffer.wrap(data.clone());
            theirsInput.position(position);
            ByteBuffer oursInput = ByteBuffer.wrap(data.clone());
            oursInput.position(position);
            assertArrayEquals(new org.apache.kafka.common.serialization.ByteBufferSerializer().serialize(TOPIC, theirsInput),
                new ByteBufferSerializer().serialize(TOPIC, oursInput), "position " + position);
            assertEquals(position, oursInput.position(), "serializing must not move the buffer");
            ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data);
            direct.position(position);
            assertArrayEquals(new org.apache.kafka.common.serialization.ByteBufferSerializer().serialize(TOPIC, direct.duplicate()),
                new ByteBufferSerializer().serialize(TOPIC, direct.duplicate()));
            if (data.length > 2) {
                ByteBuffer slice = ByteBuffer.wrap(data, 1, data.length - 2).slice();
                assertArrayEquals(new org.apache.kafka.common.serialization.ByteBufferSerializer().serialize(TOPIC, slice.duplicate()),
                    new ByteBufferSerializer().serialize(TOPIC, slice.duplicate()));
            }
            assertEquals(ByteBuffer.wrap(data), new ByteBufferDeserializer().deserialize(TOPIC, data));
        }
    }

    @Test
    void nullsWrongSizesAndVoid() {
        assertNull(new IntegerSerializer().serialize(TOPIC, null));
        assertNull(new StringDeserializer().deserialize(TOPIC, (byte[]) null));
        assertNull(new LongDeserializer().deserialize(TOPIC, null));
        assertNull(new VoidSerializer().serialize(TOPIC, null));
        assertNull(new VoidDeserializer().deserialize(TOPIC, null));
        assertThrows(IllegalArgumentException.class, () -> new VoidDeserializer().deserialize(TOPIC, new byte[0]));
        assertThrows(org.apache.kafka.common.errors.SerializationException.class,
            () -> new org.apache.kafka.common.serialization.IntegerDeserializer().deserialize(TOPIC, new byte[3]));
        assertThrows(SerializationException.class, () -> new IntegerDeserializer().deserialize(TOPIC, new byte[3]));
        assertThrows(SerializationException.class, () -> new LongDeserializer().deserialize(TOPIC, new byte[4]));
        assertThrows(SerializationException.class, () -> new ShortDeserializer().deserialize(TOPIC, new byte[1]));
        assertThrows(SerializationException.class, () -> new DoubleDeserializer().deserialize(TOPIC, new byte[9]));
    }

    private <T> void roundTrip(Serializer<T> ours, org.apache.kafka.common.serialization.Serializer<T> theirs,
                               Deserializer<T> ourDe, org.apache.kafka.common.serialization.Deserializer<T> theirDe, T value) {
        byte[] expected = theirs.serialize(TOPIC, value);
        assertArrayEquals(expected, ours.serialize(TOPIC, value), "value " + value);
        assertArrayEquals(expected, ours.serialize(TOPIC, null, value));
        assertEquals(theirDe.deserialize(TOPIC, expected), ourDe.deserialize(TOPIC, expected));
        Function<byte[], T> viaBuffer = b -> ourDe.deserialize(TOPIC, null, ByteBuffer.wrap(b));
        assertEquals(theirDe.deserialize(TOPIC, expected), viaBuffer.apply(expected));
    }

    private String randomString(boolean unicode) {
        StringBuilder b = new StringBuilder();
        int length = random.nextInt(30);
        for (int i = 0; i < length; i++) {
            b.appendCodePoint(unicode ? 1 + random.nextInt(0x2FFFF) : 1 + random.nextInt(255));
        }
        return b.toString().replaceAll("[\\uD800-\\uDFFF]", "x");
    }
}
