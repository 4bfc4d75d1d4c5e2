package io.samsa.broker.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.samsa.broker.api.ApiSpec;
import io.samsa.broker.data.partitions.PartitionLookup;
import io.samsa.broker.data.produce.ProduceHandler;
import io.samsa.broker.data.produce.ProducePurgatory;
import io.samsa.broker.data.produce.ProducerStateTable;
import io.samsa.broker.replication.AlterPartitionSender;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.replication.ReplicationConfig;
import io.samsa.broker.testing.RequestBytes;
import io.samsa.broker.testing.TestHandlers;
import io.samsa.protocol.header.Frames;
import io.samsa.protocol.header.RequestHeader;
import io.samsa.protocol.message.ProduceRequest;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatchBuilder;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.util.ManualTime;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients' mistakes are logged as one WARN line per connection at most, rate-limited across
 * connections, never with a stack trace; a Samsa bug is not logged as a client's mistake.
 */
class ClientErrorLogTest {
    private final ManualTime time = new ManualTime();
    private final List<String> lines = new ArrayList<>();

    @Test
    void aFailedAcksZeroProduceClosesTheConnectionWithOneLineAndNoStackTrace() {
        ProduceHandler produce = new ProduceHandler(new PartitionLookup(() -> {
            throw new AssertionError("an empty topic name has no log to look up");
        }), new ProducerStateTable(time, 60_000), time, new ReplicaManager(ReplicationConfig.defaults(0), time, () -> {
            throw new AssertionError("no partition has a role");
        }, AlterPartitionSender.NONE), new ProducePurgatory());
        try (DispatcherHarness h = new DispatcherHarness(10, produce)) {
            h.send(produceFrame((short) 0));
            h.runHandlers();
            h.runEventLoop();
            assertFalse(h.channel.isActive(), "a failed acks=0 produce closes the connection, as on Kafka");
            assertEquals(1, h.warnings.size(), h.warnings.toString());
            String line = h.warnings.get(0);
            assertTrue(line.contains("Produce request (correlation id 7): acks=0 produce failed: UNKNOWN_TOPIC_OR_PARTITION"), line);
            assertOneLineWithoutStackTrace(line);
        }
    }

    @Test
    void manyBadConnectionsLogFewerLinesThanConnectionsAndCountTheRest() {
        ClientErrorLog shared = new ClientErrorLog(time, 3, lines::add);
        for (int connection = 0; connection < 10; connection++) {
            try (DispatcherHarness h = new DispatcherHarness(10, shared)) {
                // an unknown API key, then a second one the closing connection drops without a line
                h.send(RequestBytes.concat(RequestBytes.frame(999, 0, connection, new byte[0]),
                        RequestBytes.frame(998, 0, connection, new byte[0])));
                h.runEventLoop();
                assertFalse(h.channel.isActive());
            }
        }
        assertEquals(3, lines.size(), "10 bad connections, 3 lines a minute: " + lines);
        lines.forEach(ClientErrorLogTest::assertOneLineWithoutStackTrace);
        assertTrue(lines.get(0).contains("unknown API key 999"), lines.get(0));

        time.advance(LogLineLimiter.WINDOW_MS);
        try (DispatcherHarness h = new DispatcherHarness(10, shared)) {
            h.send(new byte[] {0x7f, 0, 0, 0}); // a frame size over socket.request.max.bytes
            h.runEventLoop();
        }
        assertEquals(4, lines.size());
        assertTrue(lines.get(3).contains("exceeds socket.request.max.bytes") && lines.get(3).endsWith("(7 more client errors not logged)"),
                lines.get(3));
    }

    @Test
    void oneLinePerConnectionAndClientTextCannotForgeLines() {
        ClientErrorLog log = new ClientErrorLog(time, 100, lines::add);
        EmbeddedChannel channel = new EmbeddedChannel();
        log.warn(channel, "first\nforged line");
        log.warn(channel, "second");
        assertEquals(List.of("first forged line"), lines);
        channel.finishAndReleaseAll();
    }

    @Test
    void aHandlerBugIsNotLoggedAsTheClientsMistake() {
        try (DispatcherHarness h = new DispatcherHarness(10, TestHandlers.throwing(ApiSpec.of(2, "Throwing", 0, 0, 99)))) {
            h.send(RequestBytes.frame(2, 0, 1, new byte[0]));
            h.runHandlers();
            h.runEventLoop();
            assertFalse(h.channel.isActive());
            assertTrue(h.warnings.isEmpty(), "logged at ERROR with its stack trace instead: " + h.warnings);
        }
    }

    private static void assertOneLineWithoutStackTrace(String line) {
        assertFalse(line.contains("\n") || line.contains("\tat ") || line.contains("Exception"), line);
    }

    private static byte[] produceFrame(short acks) {
        ByteBuffer batch = RecordBatchBuilder.create(CompressionType.NONE).append(0, new byte[] {1}, new byte[] {2}).build();
        ProduceRequest request = new ProduceRequest().setAcks(acks).setTimeoutMs(1000).setTopicData(new ArrayList<>(List.of(
                new ProduceRequest.TopicProduceData().setName("").setPartitionData(new ArrayList<>(List.of(
                        new ProduceRequest.PartitionProduceData().setIndex(0).setRecords(new MemoryRecords(batch))))))));
        ByteBuffer frame = Frames.encodeRequest(new RequestHeader(request.apiKey(), (short) 9, 7, "test"), request);
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return bytes;
    }
}
