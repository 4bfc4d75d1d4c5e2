package io.samsa.broker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseSendTest {

    @Test
    void sizeCountsEveryPartAndReleaseFreesThem(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("f"), new byte[1000]);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuf a = ByteBufAllocator.DEFAULT.buffer().writeZero(10);
            FileRegion region = new SharedFileRegion(channel, 100, 500);
            ByteBuf b = ByteBufAllocator.DEFAULT.directBuffer().writeZero(3);
            ResponseSend send = ResponseSend.builder().add(a).add(region).add(b).build();

            assertEquals(513, send.sizeBytes());
            assertEquals(3, send.partCount());
            assertFalse(send.isNone());
            send.release();
            send.release(); // idempotent
            assertEquals(0, a.refCnt());
            assertEquals(0, region.refCnt());
            assertEquals(0, b.refCnt());
            assertTrue(channel.isOpen(), "a shared region leaves its channel open");
        }
    }

    @Test
    void takePartsHandsOverOwnershipOnce() {
        ByteBuf a = ByteBufAllocator.DEFAULT.buffer().writeZero(4);
        ResponseSend send = ResponseSend.of(a);
        List<Object> parts = send.takeParts();
        assertSame(a, parts.get(0));
        send.release(); // no-op: the parts belong to the taker now
        assertEquals(1, a.refCnt());
        assertThrows(IllegalStateException.class, send::takeParts);
        a.release();
    }

    @Test
    void noneIsEmptyAndDistinct() {
        assertTrue(ResponseSend.none().isNone());
        assertEquals(0, ResponseSend.none().sizeBytes());
        assertFalse(ResponseSend.builder().build().isNone(), "an empty body is a response, not none");
    }

    @Test
    void aResponseOver2GiBIsRefusedAndReleased(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("f"), new byte[1]);
        ByteBuf head = ByteBufAllocator.DEFAULT.buffer().writeZero(8);
        ResponseSend.Builder builder = ResponseSend.builder().add(head);
        DefaultFileRegion huge = new DefaultFileRegion(file.toFile(), 0, Integer.MAX_VALUE);
        assertThrows(IllegalArgumentException.class, () -> builder.add(huge));
        assertEquals(0, head.refCnt());
        assertEquals(0, huge.refCnt());
    }
}
