package io.samsa.broker.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import io.samsa.protocol.header.RequestHeader;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ProtocolDecodeException;
import io.samsa.protocol.message.FetchResponse;
import io.samsa.protocol.message.HeartbeatRequest;
import io.samsa.protocol.message.HeartbeatResponse;
import io.samsa.protocol.record.FileSliceRecords;
import io.samsa.protocol.types.MessageBytes;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed handlers see generated request classes, and file-backed records leave as file regions. */
class MessageHandlerTest {

    static final class EchoGenerationHandler extends MessageHandler<HeartbeatRequest, HeartbeatResponse> {
        EchoGenerationHandler() {
            super(ApiKey.HEARTBEAT);
        }

        @Override
        protected CompletableFuture<HeartbeatResponse> handle(RequestContext context, HeartbeatRequest request) {
            short error = (short) (request.generationId() == 7 ? 0 : 22);
            return CompletableFuture.completedFuture(new HeartbeatResponse().setErrorCode(error));
        }
    }

    private static RequestContext context(short version) {
        return new RequestContext(new RequestHeader((short) 12, version, 1, "c"),
                new InetSocketAddress("127.0.0.1", 1), "PLAINTEXT", 0L);
    }

    @Test
    void decodesTheRequestAndEncodesTheResponseAtTheRequestVersion() throws Exception {
        EchoGenerationHandler handler = new EchoGenerationHandler();
        assertEquals(ApiKey.HEARTBEAT.advertisedMax(), handler.spec().maxVersion());
        assertEquals(4, handler.spec().firstFlexibleVersion());
        for (short version = 0; version <= 4; version++) {
            HeartbeatRequest request = new HeartbeatRequest().setGroupId("g").setGenerationId(7).setMemberId("m");
            ByteBuf body = Unpooled.wrappedBuffer(MessageBytes.encode(request, version));
            try {
                ResponseSend send = handler.handle(context(version), body).get();
                ByteBuf part = (ByteBuf) send.takeParts().get(0);
                try {
                    HeartbeatResponse response = new HeartbeatResponse(
                            new io.samsa.protocol.types.ByteBufferReadable(part.nioBuffer()), version);
                    assertEquals(0, response.errorCode());
                } finally {
                    part.release();
                }
            } finally {
                body.release();
            }
        }
    }

    @Test
    void anUnparseableBodyFailsSoTheConnectionCloses() {
        ByteBuf body = Unpooled.wrappedBuffer(new byte[] {0, 5, 'g'});
        try {
            assertThrows(ProtocolDecodeException.class, () -> new EchoGenerationHandler().handle(context((short) 1), body));
        } finally {
            body.release();
        }
    }

    @Test
    void fileBackedRecordsBecomeAZeroCopyRegionBetweenHeapParts(@TempDir Path dir) throws Exception {
        ByteBuffer batch = org.apache.kafka.common.record.MemoryRecords.withRecords(
                org.apache.kafka.common.compress.Compression.NONE, new SimpleRecord("k".getBytes(), "v".getBytes())).buffer();
        byte[] batchBytes = new byte[batch.remaining()];
        batch.get(batchBytes);
        Path file = dir.resolve("segment.log");
        Files.write(file, concat(new byte[100], batchBytes));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileSliceRecords slice = new FileSliceRecords() {
                public FileChannel channel() {
                    return channel;
                }

                public long position() {
                    return 100;
                }

                public int sizeInBytes() {
                    return batchBytes.length;
                }
            };
            FetchResponse response = new FetchResponse().setResponses(List.of(new FetchResponse.FetchableTopicResponse()
                    .setTopic("t").setPartitions(List.of(new FetchResponse.PartitionData().setPartitionIndex(0)
                            .setHighWatermark(1).setRecords(slice)))));
            ResponseSend send = MessageHandler.encode(response, (short) 12);
            List<Object> parts = send.takeParts();
            assertEquals(3, parts.size());
            assertInstanceOf(SharedFileRegion.class, parts.get(1));

            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (Object part : parts) {
                if (part instanceof ByteBuf buf) {
                    byte[] bytes = new byte[buf.readableBytes()];
                    buf.readBytes(bytes);
                    wire.write(bytes);
                    buf.release();
                } else {
                    FileRegion region = (FileRegion) part;
                    region.transferTo(Channels.newChannel(wire), 0);
                    region.release();
                }
            }
            assertTrue(channel.isOpen(), "the shared segment channel stays open");
            FetchResponseData kafka = new FetchResponseData(new ByteBufferAccessor(ByteBuffer.wrap(wire.toByteArray())), (short) 12);
            org.apache.kafka.common.record.MemoryRecords records =
                    (org.apache.kafka.common.record.MemoryRecords) kafka.responses().get(0).partitions().get(0).records();
            RecordBatch read = records.batches().iterator().next();
            read.ensureValid();
            assertArrayEquals(batchBytes, toArray(records.buffer()));
        }
    }

    @Test
    void heapPartsAroundLargeFileSlicesHoldOnlyTheNonRecordBytes(@TempDir Path dir) throws Exception {
        int sliceBytes = 1 << 20;
        Path file = Files.write(dir.resolve("segment.log"), new byte[2 * sliceBytes]);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            List<FetchResponse.PartitionData> partitions = List.of(
                    new FetchResponse.PartitionData().setPartitionIndex(0).setRecords(slice(channel, 0, sliceBytes)),
                    new FetchResponse.PartitionData().setPartitionIndex(1).setRecords(slice(channel, sliceBytes, sliceBytes)));
            FetchResponse response = new FetchResponse().setResponses(List.of(
                    new FetchResponse.FetchableTopicResponse().setTopic("t").setPartitions(partitions)));
            int bodyBytes = response.size((short) 12);

            ResponseSend send = MessageHandler.encode(response, (short) 12);
            List<Object> parts = send.takeParts();
            assertEquals(5, parts.size(), "heap, region, heap, region, heap");
            long heapBytes = 0;
            for (Object part : parts) {
                if (part instanceof ByteBuf buf) {
                    heapBytes += buf.readableBytes();
                    // the backing array, not just the view: a megabyte allocated per fetch fills the heap
                    assertTrue(buf.array().length < 64 * 1024, "heap part backed by " + buf.array().length + " bytes");
                }
                io.netty.util.ReferenceCountUtil.release(part);
            }
            assertEquals(bodyBytes - 2L * sliceBytes, heapBytes);
        }
    }

    private static FileSliceRecords slice(FileChannel channel, long position, int sizeBytes) {
        return new FileSliceRecords() {
            public FileChannel channel() {
                return channel;
            }

            public long position() {
                return position;
            }

            public int sizeInBytes() {
                return sizeBytes;
            }
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
