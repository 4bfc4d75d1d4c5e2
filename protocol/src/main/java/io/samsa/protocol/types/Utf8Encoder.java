package io.samsa.protocol.types;

import java.nio.ByteBuffer;

/**
 * Encodes a string as UTF-8 straight into a buffer, byte-compatible with
 * {@code String.getBytes(UTF_8)} (a lone surrogate becomes '?'), and with the length
 * {@link WireFormat#utf8Length} predicts. Stateless.
 */
final class Utf8Encoder {
    private Utf8Encoder() {
    }

    /** Encodes {@code value} from char index {@code from} to its end. */
    static void encode(String value, int from, ByteBuffer out) {
        int chars = value.length();
        for (int i = from; i < chars; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xc0 | (c >> 6)));
                out.put((byte) (0x80 | (c & 0x3f)));
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(value.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, value.charAt(++i));
                out.put((byte) (0xf0 | (codePoint >> 18)));
                out.put((byte) (0x80 | ((codePoint >> 12) & 0x3f)));
                out.put((byte) (0x80 | ((codePoint >> 6) & 0x3f)));
                out.put((byte) (0x80 | (codePoint & 0x3f)));
            } else if (Character.isSurrogate(c)) {
                out.put((byte) '?');
            } else {
                out.put((byte) (0xe0 | (c >> 12)));
                out.put((byte) (0x80 | ((c >> 6) & 0x3f)));
                out.put((byte) (0x80 | (c & 0x3f)));
            }
        }
    }
}
