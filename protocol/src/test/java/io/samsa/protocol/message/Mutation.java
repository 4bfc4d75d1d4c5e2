package io.samsa.protocol.message;

import java.util.Arrays;
import java.util.Random;

/**
 * One seeded corruption of a valid encoding, for {@link DecoderFuzzTest}: a truncation, a few
 * random byte flips, or a 2/4/5-byte window overwritten with a hostile length (huge, negative,
 * maximal varint). Immutable.
 *
 * @param bytes       the corrupted input
 * @param description what was done, to reproduce a failure
 */
record Mutation(byte[] bytes, String description) {

    private static final byte[][] HOSTILE_LENGTHS = {
        {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},   // int32 max
        {(byte) 0x80, 0, 0, 0},                           // int32 min
        {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe}, // int32 -2
        {0x7f, (byte) 0xff},                              // int16 max
        {(byte) 0xff, (byte) 0xfe},                       // int16 -2
        {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07}, // varint 2^31-1
        {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}, // varint 2^32-1 (negative int)
        {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, // varint without end
        {(byte) 0x80, (byte) 0x80, 0x40},                 // varint 2^20
    };

    static Mutation random(byte[] valid, Random random) {
        int kind = random.nextInt(3);
        if (kind == 0 || valid.length == 0) {
            int length = valid.length == 0 ? 0 : random.nextInt(valid.length);
            return new Mutation(Arrays.copyOf(valid, length), "truncated to " + length + " of " + valid.length + " bytes");
        }
        byte[] bytes = valid.clone();
        if (kind == 1) {
            int flips = 1 + random.nextInt(4);
            StringBuilder description = new StringBuilder("flipped");
            for (int i = 0; i < flips; i++) {
                int at = random.nextInt(bytes.length);
                bytes[at] = (byte) random.nextInt(256);
                description.append(" @").append(at);
            }
            return new Mutation(bytes, description.toString());
        }
        byte[] hostile = HOSTILE_LENGTHS[random.nextInt(HOSTILE_LENGTHS.length)];
        int at = random.nextInt(bytes.length);
        int n = Math.min(hostile.length, bytes.length - at);
        System.arraycopy(hostile, 0, bytes, at, n);
        return new Mutation(bytes, "hostile length " + Arrays.toString(hostile) + " @" + at);
    }
}
