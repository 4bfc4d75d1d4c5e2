package io.samsa.broker.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.samsa.broker.testing.RequestBytes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RequestFrameDecoderTest {
    private static final ClientErrorLog CLIENT_ERRORS = new ClientErrorLog(new io.samsa.protocol.util.ManualTime(), 0, line -> { });
    private static final int MAX_FRAME_BYTES = 1024;

    private final EmbeddedChannel channel = new EmbeddedChannel(new RequestFrameDecoder(MAX_FRAME_BYTES, CLIENT_ERRORS));

    @Test
    void emitsOneFrameWithoutItsSizePrefix() {
        byte[] frame = RequestBytes.frame(3, 1, 42, new byte[] {9, 8, 7});
        channel.writeInbound(tracked(frame));

        assertFrame(Arrays.copyOfRange(frame, 4, frame.length), channel.readInbound());
        assertNull(channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    void reassemblesAFrameDeliveredByteByByte() {
        byte[] frame = RequestBytes.frame(0, 7, 1, new byte[100]);
        for (int i = 0; i < frame.length - 1; i++) {
            channel.writeInbound(tracked(frame, i, 1));
            assertNull(channel.readInbound(), "no frame before its last byte (byte " + i + ")");
        }
        channel.writeInbound(tracked(frame, frame.length - 1, 1));

        assertFrame(Arrays.copyOfRange(frame, 4, frame.length), channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    void splitsManyFramesDeliveredInOneRead() {
        byte[][] frames = new byte[50][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = RequestBytes.frame(1, 4, i, new byte[i]);
        }
        byte[] partialNext = Arrays.copyOf(RequestBytes.frame(1, 4, 99, new byte[10]), 7);
        channel.writeInbound(tracked(RequestBytes.concat(RequestBytes.concat(frames), partialNext)));

        for (int i = 0; i < frames.length; i++) {
            assertFrame(Arrays.copyOfRange(frames[i], 4, frames[i].length), channel.readInbound());
        }
        assertNull(channel.readInbound(), "the trailing partial frame waits for more bytes");
        assertTrue(channel.isActive());
        assertFalse(channel.finish());
    }

    @Test
    void acceptsAFrameOfExactlyTheMaximumSize() {
        byte[] frame = RequestBytes.frame(0, 3, 5, new byte[MAX_FRAME_BYTES - 14]);
        assertEquals(MAX_FRAME_BYTES + 4, frame.length);
        channel.writeInbound(tracked(frame));

        assertFrame(Arrays.copyOfRange(frame, 4, frame.length), channel.readInbound());
        assertTrue(channel.isActive());
        assertFalse(channel.finish());
    }

    @Test
    void oversizedFrameClosesTheConnectionAsSoonAsItsSizeArrives() {
        ByteBuf sizeOnly = channel.alloc().buffer(4).writeInt(MAX_FRAME_BYTES + 1);
        channel.writeInbound(sizeOnly);

        assertFalse(channel.isActive(), "closed on the size prefix alone, before any body byte");
        assertNull(channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    void bytesAfterAnOversizedFrameAreDiscarded() {
        byte[] good = RequestBytes.frame(0, 3, 1, new byte[4]);
        ByteBuf bad = channel.alloc().buffer().writeInt(Integer.MAX_VALUE).writeBytes(new byte[64]).writeBytes(good);
        channel.writeInbound(bad);

        assertFalse(channel.isActive());
        assertNull(channel.readInbound(), "nothing after the oversized frame is decoded");
        assertFalse(channel.finish());
    }

    @Test
    void negativeOrTooSmallSizeClosesTheConnection() {
        for (int size : new int[] {-1, 0, RequestFrame.MIN_FRAME_BYTES - 1}) {
            EmbeddedChannel ch = new EmbeddedChannel(new RequestFrameDecoder(MAX_FRAME_BYTES, CLIENT_ERRORS));
            ch.writeInbound(channel.alloc().buffer().writeInt(size).writeBytes(new byte[16]));
            assertFalse(ch.isActive(), "size " + size);
            assertNull(ch.readInbound());
            assertFalse(ch.finish());
        }
    }

    @Test
    void peeksKeyVersionAndCorrelationIdAtFixedOffsets() {
        channel.writeInbound(tracked(RequestBytes.frame(18, 3, 0x01020304, "client", 2, new byte[0])));
        ByteBuf frame = channel.readInbound();
        try {
            assertEquals(18, RequestFrame.apiKey(frame));
            assertEquals(3, RequestFrame.apiVersion(frame));
            assertEquals(0x01020304, RequestFrame.correlationId(frame));
            assertEquals(0, frame.readerIndex(), "peeking does not move the reader index");
        } finally {
            frame.release();
        }
        assertFalse(channel.finish());
    }

    /** A leak-tracked copy, so a frame the decoder fails to release is reported. */
    private ByteBuf tracked(byte[] bytes) {
        return tracked(bytes, 0, bytes.length);
    }

    private ByteBuf tracked(byte[] bytes, int offset, int length) {
        return channel.alloc().buffer(length).writeBytes(bytes, offset, length);
    }

    private static void assertFrame(byte[] expected, ByteBuf actual) {
        try {
            assertArrayEquals(expected, ByteBufUtil.getBytes(actual));
        } finally {
            actual.release();
        }
    }
}
