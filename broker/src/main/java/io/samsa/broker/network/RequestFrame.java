package io.samsa.broker.network;

import io.netty.buffer.ByteBuf;

/**
 * Flyweight accessors for the fixed start of every request frame (size prefix already stripped),
 * read at absolute offsets from the frame's reader index without moving it:
 * <pre>
 *  offset 0  api_key        int16
 *         2  api_version    int16
 *         4  correlation_id int32
 *         8  client_id, tagged fields, body ...   (decoded elsewhere)
 * </pre>
 * Stateless.
 */
public final class RequestFrame {
    /** The fewest bytes a frame must have for the peeks below. */
    public static final int MIN_FRAME_BYTES = 8;

    private static final int API_KEY_OFFSET = 0;
    private static final int API_VERSION_OFFSET = 2;
    private static final int CORRELATION_ID_OFFSET = 4;

    private RequestFrame() {
    }

    /** @param frame borrowed, at least {@link #MIN_FRAME_BYTES} readable */
    public static short apiKey(ByteBuf frame) {
        return frame.getShort(frame.readerIndex() + API_KEY_OFFSET);
    }

    /** @param frame borrowed, at least {@link #MIN_FRAME_BYTES} readable */
    public static short apiVersion(ByteBuf frame) {
        return frame.getShort(frame.readerIndex() + API_VERSION_OFFSET);
    }

    /** @param frame borrowed, at least {@link #MIN_FRAME_BYTES} readable */
    public static int correlationId(ByteBuf frame) {
        return frame.getInt(frame.readerIndex() + CORRELATION_ID_OFFSET);
    }
}
