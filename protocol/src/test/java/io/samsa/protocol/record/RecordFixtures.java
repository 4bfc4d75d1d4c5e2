package io.samsa.protocol.record;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.kafka.common.header.Header;

/**
 * Test support: seeded random record contents, including null keys, null values, empty arrays,
 * headers with null values and non-ASCII keys, and values large enough to span several codec
 * blocks.
 */
final class RecordFixtures {
    private RecordFixtures() {
    }

    /** A record's content, the same whichever library writes it. */
    record Content(long timestampMs, byte[] key, byte[] value, Header[] headers) {
    }

    static Content[] randomContents(Random random, int count, long firstTimestampMs) {
        Content[] contents = new Content[count];
        for (int i = 0; i < count; i++) {
            byte[] key = random.nextInt(4) == 0 ? null : randomBytes(random, random.nextInt(20));
            byte[] value;
            int kind = random.nextInt(10);
            if (kind == 0) {
                value = null;
            } else if (kind == 1) {
                value = new byte[0];
            } else if (kind == 2) {
                value = compressibleBytes(random, 70_000 + random.nextInt(50_000));
            } else {
                value = randomBytes(random, random.nextInt(300));
            }
            Header[] headers = new Header[random.nextInt(4)];
            for (int h = 0; h < headers.length; h++) {
                String headerKey = h == 1 ? "ключ-" + i : "h" + h;
                byte[] headerValue = random.nextInt(3) == 0 ? null : randomBytes(random, random.nextInt(10));
                headers[h] = new org.apache.kafka.common.header.internals.RecordHeader(headerKey, headerValue);
            }
            // timestamps move both ways inside a batch, so deltas can be negative
            long timestampMs = firstTimestampMs + random.nextInt(10_000) - 2_000;
            contents[i] = new Content(i == 0 ? firstTimestampMs : timestampMs, key, value, headers);
        }
        return contents;
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Text-like bytes that every codec shrinks, so compressed blocks really are compressed. */
    static byte[] compressibleBytes(Random random, int length) {
        byte[] words = "samsa kafka record batch offset partition ".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = random.nextInt(50) == 0 ? (byte) random.nextInt() : words[(i * 7 + i / 13) % words.length];
        }
        return bytes;
    }
}
