package io.samsa.protocol.types;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A 128-bit identifier (topic ids, directory ids) as Kafka carries it: 16 bytes, most significant
 * half first, printed as URL-safe base64 without padding (22 characters). Immutable.
 */
public final class Uuid implements Comparable<Uuid> {
    /** The all-zero id, which the protocol uses for "none". */
    public static final Uuid ZERO = new Uuid(0L, 0L);

    private final long mostSignificantBits;
    private final long leastSignificantBits;

    public Uuid(long mostSignificantBits, long leastSignificantBits) {
        this.mostSignificantBits = mostSignificantBits;
        this.leastSignificantBits = leastSignificantBits;
    }

    /** A random id that is not {@link #ZERO} and whose text does not start with '-'. */
    public static Uuid random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            Uuid candidate = new Uuid(random.nextLong(), random.nextLong());
            if (!candidate.equals(ZERO) && !candidate.toString().startsWith("-")) {
                return candidate;
            }
        }
    }

    /** Parses the 22-character base64 form; throws IllegalArgumentException when malformed. */
    public static Uuid fromString(String text) {
        if (text.length() != 22) {
            throw new IllegalArgumentException("a uuid has 22 base64 characters, got " + text.length());
        }
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(text));
        return new Uuid(bytes.getLong(), bytes.getLong());
    }

    public long mostSignificantBits() {
        return mostSignificantBits;
    }

    public long leastSignificantBits() {
        return leastSignificantBits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Uuid other && mostSignificantBits == other.mostSignificantBits
                && leastSignificantBits == other.leastSignificantBits;
    }

    @Override
    public int hashCode() {
        long folded = mostSignificantBits ^ leastSignificantBits;
        return (int) (folded >> 32) ^ (int) folded;
    }

    @Override
    public int compareTo(Uuid other) {
        int high = Long.compare(mostSignificantBits, other.mostSignificantBits);
        return high != 0 ? high : Long.compare(leastSignificantBits, other.leastSignificantBits);
    }

    @Override
    public String toString() {
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(mostSignificantBits).putLong(leastSignificantBits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
