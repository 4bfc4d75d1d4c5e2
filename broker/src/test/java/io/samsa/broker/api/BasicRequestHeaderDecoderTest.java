package io.samsa.broker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.samsa.protocol.header.RequestHeader;
import io.samsa.protocol.ProtocolDecodeException;
import org.junit.jupiter.api.Test;

class BasicRequestHeaderDecoderTest {
    private final BasicRequestHeaderDecoder decoder = BasicRequestHeaderDecoder.INSTANCE;

    @Test
    void decodesHeaderV1AndLeavesTheReaderAtTheBody() {
        ByteBuf frame = Unpooled.buffer().writeShort(3).writeShort(1).writeInt(99).writeShort(3).writeBytes("abc".getBytes())
                .writeByte(42);
        try {
            assertEquals(new RequestHeader((short) 3, (short) 1, 99, "abc"), decoder.decode(frame, (short) 1));
            assertEquals(1, frame.readableBytes());
            assertEquals(42, frame.readByte());
        } finally {
            frame.release();
        }
    }

    @Test
    void nullClientIdIsEmpty() {
        ByteBuf frame = Unpooled.buffer().writeShort(3).writeShort(0).writeInt(1).writeShort(-1);
        try {
            assertEquals("", decoder.decode(frame, (short) 1).clientId());
        } finally {
            frame.release();
        }
    }

    @Test
    void headerV2SkipsTaggedFields() {
        ByteBuf frame = Unpooled.buffer().writeShort(18).writeShort(3).writeInt(5).writeShort(1).writeByte('c')
                .writeByte(2)                               // two tagged fields
                .writeByte(0).writeByte(2).writeShort(0x0102) // tag 0, 2 bytes
                .writeByte(0x81).writeByte(0x01).writeByte(0) // tag 129 (2-byte uvarint), 0 bytes
                .writeByte(7);                              // body
        try {
            RequestHeader header = decoder.decode(frame, (short) 2);
            assertEquals("c", header.clientId());
            assertEquals(2, header.headerVersion());
            assertEquals(7, frame.readByte());
        } finally {
            frame.release();
        }
    }

    @Test
    void truncatedOrMalformedHeadersAreDecodeErrors() {
        assertMalformed(Unpooled.buffer().writeShort(3).writeShort(1).writeInt(99), (short) 1);          // no client id length
        assertMalformed(Unpooled.buffer().writeShort(3).writeShort(1).writeInt(99).writeShort(10).writeByte(1), (short) 1);
        assertMalformed(Unpooled.buffer().writeShort(3).writeShort(1).writeInt(99).writeShort(-2), (short) 1);
        assertMalformed(Unpooled.buffer().writeShort(3).writeShort(1).writeInt(9).writeShort(0).writeByte(1).writeByte(0)
                .writeByte(100), (short) 2);                                                          // tagged field past the end
        assertMalformed(Unpooled.buffer().writeShort(3).writeShort(1).writeInt(9).writeShort(0)
                .writeBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1}), (short) 2);
        assertMalformed(Unpooled.buffer().writeShort(3).writeShort(1).writeInt(9).writeShort(0), (short) 0);
    }

    private void assertMalformed(ByteBuf frame, short headerVersion) {
        try {
            assertThrows(ProtocolDecodeException.class, () -> decoder.decode(frame, headerVersion));
        } finally {
            frame.release();
        }
    }
}
