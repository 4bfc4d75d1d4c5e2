package io.samsa.client.producer.internals;

/**
 * The 32-bit MurmurHash2 variant Kafka's producer uses to map keys to partitions (seed
 * {@code 0x9747b28c}, little-endian 4-byte blocks). It must give the same int as Kafka's for the
 * same bytes, or keyed records from Samsa and Kafka producers would land on different partitions.
 *
 * <p>Stateless; thread-safe.
 */
public final class Murmur2 {
    private static final int SEED = 0x9747b28c;
    private static final int M = 0x5bd1e995;
    private static final int R = 24;

    private Murmur2() {
    }

    /** The hash of all of {@code data}. */
    public static int hash(byte[] data) {
        int length = data.length;
        int h = SEED ^ length;
        int blocks = length / 4;
        for (int i = 0; i < blocks; i++) {
            int offset = i * 4;
            int k = (data[offset] & 0xff) | ((data[offset + 1] & 0xff) << 8)
                | ((data[offset + 2] & 0xff) << 16) | ((data[offset + 3] & 0xff) << 24);
            k *= M;
            k ^= k >>> R;
            k *= M;
            h *= M;
            h ^= k;
        }
        // The last 1-3 bytes, highest first, then one multiply (Kafka's switch with fall-through).
        int tail = length & ~3;
        int remaining = length % 4;
        if (remaining == 3) {
            h ^= (data[tail + 2] & 0xff) << 16;
        }
        if (remaining >= 2) {
            h ^= (data[tail + 1] & 0xff) << 8;
        }
        if (remaining >= 1) {
            h ^= data[tail] & 0xff;
            h *= M;
        }
        h ^= h >>> 13;
        h *= M;
        h ^= h >>> 15;
        return h;
    }

    /** Kafka's {@code toPositive}: clears the sign bit (not {@code Math.abs}, which fails for MIN_VALUE). */
    public static int toPositive(int number) {
        return number & 0x7fffffff;
    }

    /** The partition of a keyed record: {@code toPositive(murmur2(keyBytes)) % numPartitions}. */
    public static int partitionForKey(byte[] keyBytes, int numPartitions) {
        return toPositive(hash(keyBytes)) % numPartitions;
    }
}
