package io.samsa.broker.network;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.samsa.broker.admin.ApiVersionsApiHandler;
import io.samsa.broker.admin.ApiVersionsHandler;
import io.samsa.broker.admin.MessageApiHandler;
import io.samsa.broker.admin.MetadataHandler;
import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.data.FuzzLogs;
import io.samsa.broker.data.fetch.FetchHandler;
import io.samsa.broker.data.fetch.FetchPurgatory;
import io.samsa.broker.data.fetch.FetchReader;
import io.samsa.broker.data.fetch.FetchSessions;
import io.samsa.broker.data.produce.ProduceHandler;
import io.samsa.broker.data.produce.ProducerStateTable;
import io.samsa.broker.metadata.LocalBroker;
import io.samsa.broker.metadata.TopicCreationDefaults;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.broker.topics.TopicStore;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.header.RequestHeader;
import io.samsa.protocol.message.ApiVersionsRequest;
import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.message.FetchRequest.FetchPartition;
import io.samsa.protocol.message.FetchRequest.FetchTopic;
import io.samsa.protocol.message.MetadataRequest;
import io.samsa.protocol.message.MetadataRequest.MetadataRequestTopic;
import io.samsa.protocol.message.ProduceRequest;
import io.samsa.protocol.message.ProduceRequest.PartitionProduceData;
import io.samsa.protocol.message.ProduceRequest.TopicProduceData;
import io.samsa.protocol.record.FuzzedBatches;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.types.ApiMessage;
import io.samsa.protocol.types.MessageBytes;
import io.samsa.protocol.types.Uuid;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of the whole request path: fuzzed frames through the real frame decoder
 * and {@link RequestDispatcher} in an {@link io.netty.channel.embedded.EmbeddedChannel}
 * ({@link DispatcherHarness}), dispatched to real ApiVersions, Metadata, Produce and Fetch
 * handlers over real logs. Each input is up to four frames, each a well-formed request of a
 * served API at a fuzzed version (its body encoded from a template, Produce carrying a generated
 * batch) or raw bytes, then possibly damaged (byte flips, a cut, a rewritten size, key, version or
 * correlation id, trailing garbage), delivered in one or two writes.
 *
 * <p>Invariants (an {@link AssertionError} each):
 * <ol>
 *   <li>the broker's answer always carries the request's correlation id: the correlation ids of
 *       the responses written are, in order, a subsequence of those of the frames sent (a frame
 *       answered at most once, never out of order), or the connection closes;</li>
 *   <li>the connection closes cleanly: no exception reaches the end of the pipeline;</li>
 *   <li>no ByteBuf leak: once the connection is closed, every buffer delivered is released (and
 *       the suite's NettyLeakGuard, at paranoid level, finds no leak report).</li>
 * </ol>
 * Regression inputs: {@code src/test/resources/io/samsa/broker/network/RequestPathFuzzTestInputs/}.
 */
@Tag("jazzer")
class RequestPathFuzzTest {
    private static final ApiKey[] APIS = {ApiKey.API_VERSIONS, ApiKey.METADATA, ApiKey.PRODUCE, ApiKey.FETCH};
    private static final int MAX_FRAMES = 4;
    private static final int MAX_IN_FLIGHT = 100;
    private static final int MAX_ROUNDS = 16;

    @FuzzTest(maxDuration = "30s")
    void framesThroughTheDispatcher(FuzzedDataProvider data) throws Exception {
        try (FuzzLogs logs = new FuzzLogs(); DispatcherHarness harness = new DispatcherHarness(MAX_IN_FLIGHT, handlers(logs))) {
            harness.channel.pipeline().addFirst(new TaskRunner());
            int frames = data.consumeInt(1, MAX_FRAMES);
            ByteBuffer stream = ByteBuffer.allocate(1 << 16);
            for (int i = 0; i < frames && data.remainingBytes() > 0; i++) {
                byte[] frame = data.consumeInt(0, 7) == 0 ? data.consumeBytes(200) : damage(data, frame(data, logs));
                if (frame.length > stream.remaining()) {
                    break;
                }
                stream.put(frame);
            }
            byte[] bytes = new byte[stream.position()];
            stream.flip().get(bytes);
            int split = bytes.length == 0 ? 0 : data.consumeInt(0, bytes.length);
            List<ByteBuf> delivered = new ArrayList<>();
            deliver(harness, bytes, 0, split, delivered);
            run(harness);
            deliver(harness, bytes, split, bytes.length, delivered);
            run(harness);

            byte[] written = harness.drainOutbound();
            try {
                assertAnswersCarryCorrelationIds(bytes, written);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nsent " + java.util.HexFormat.of().formatHex(bytes)
                        + "\nwritten " + java.util.HexFormat.of().formatHex(written), e);
            }
            harness.channel.checkException();
            harness.channel.close();
            run(harness);
            harness.drainOutbound();
            for (ByteBuf buf : delivered) {
                if (buf.refCnt() != 0) {
                    throw new AssertionError("a delivered buffer is still referenced (" + buf.refCnt() + ") after close");
                }
            }
        }
    }

    private static ApiHandler[] handlers(FuzzLogs logs) {
        LocalBroker broker = new LocalBroker(1, "fuzz-cluster-0000001", "127.0.0.1", 9092, null);
        TopicRegistry registry = new TopicRegistry(new TopicStore(logs.dataDir()), 100);
        FetchReader reader = logs.reader(1 << 20);
        return new ApiHandler[] {
            new ApiVersionsApiHandler(new ApiVersionsHandler(List.of(APIS))),
            new MessageApiHandler<>(new MetadataHandler(registry, () -> broker, new TopicCreationDefaults(1, (short) 1, false))),
            logs.produceHandler(new ProducerStateTable(logs.time, 86_400_000L)),
            new FetchHandler(reader, new FetchPurgatory(reader, logs.time), new FetchSessions(2)),
        };
    }

    /** A well-formed request frame of a served API at a version around its range. */
    private static byte[] frame(FuzzedDataProvider data, FuzzLogs logs) {
        ApiKey api = APIS[data.consumeInt(0, APIS.length - 1)];
        short version = (short) data.consumeInt(api.acceptedMin() - 1, api.advertisedMax() + 1);
        int correlationId = data.consumeInt();
        byte[] body;
        try {
            ByteBuffer encoded = MessageBytes.encode(body(data, api, logs), version);
            body = new byte[encoded.remaining()];
            encoded.get(body);
        } catch (RuntimeException cannotExpress) {
            body = new byte[0];
        }
        short headerVersion;
        try {
            headerVersion = new RequestHeader(api.id(), version, correlationId, "fuzz").headerVersion();
        } catch (RuntimeException unknownVersion) {
            headerVersion = 1;
        }
        return io.samsa.broker.testing.RequestBytes.frame(api.id(), version, correlationId, "fuzz", Math.max(headerVersion, 1), body);
    }

    private static ApiMessage body(FuzzedDataProvider data, ApiKey api, FuzzLogs logs) {
        String topic = FuzzLogs.TOPICS.get(data.consumeInt(0, FuzzLogs.TOPICS.size() - 1));
        return switch (api) {
            case API_VERSIONS -> new ApiVersionsRequest().setClientSoftwareName("fuzz").setClientSoftwareVersion("1");
            case METADATA -> new MetadataRequest().setTopics(data.consumeBoolean() ? null
                    : List.of(new MetadataRequestTopic().setName(topic).setTopicId(Uuid.ZERO)));
            case PRODUCE -> new ProduceRequest().setAcks((short) (data.consumeInt(0, 2) - 1)).setTimeoutMs(1000)
                    .setTopicData(List.of(new TopicProduceData().setName(topic).setPartitionData(List.of(
                            new PartitionProduceData().setIndex(data.consumeInt(-1, 1)).setRecords(new MemoryRecords(
                                    FuzzedBatches.mutate(data, FuzzedBatches.spec(data, logs.time.milliseconds()).build())))))));
            default -> new FetchRequest().setReplicaId(-1).setMaxWaitMs(0).setMinBytes(0).setMaxBytes(1 << 20)
                    .setIsolationLevel((byte) data.consumeInt(0, 1)).setSessionId(0).setSessionEpoch(data.consumeInt(-1, 1))
                    .setTopics(List.of(new FetchTopic().setTopic(topic).setPartitions(List.of(new FetchPartition()
                            .setPartition(0).setFetchOffset(data.consumeLong(-1, 3)).setPartitionMaxBytes(1 << 20)))));
        };
    }

    /** Damages a frame, or leaves it whole. */
    private static byte[] damage(FuzzedDataProvider data, byte[] frame) {
        ByteBuffer buf = ByteBuffer.wrap(frame);
        switch (data.consumeInt(0, 9)) {
            case 0 -> {
                int flips = data.consumeInt(1, 4);
                for (int i = 0; i < flips; i++) {
                    int at = data.consumeInt(0, frame.length - 1);
                    frame[at] ^= (byte) (1 << data.consumeInt(0, 7));
                }
            }
            case 1 -> buf.putInt(0, data.consumeInt());
            case 2 -> buf.putShort(4, data.consumeShort());
            case 3 -> buf.putShort(6, data.consumeShort());
            case 4 -> {
                int cut = data.consumeInt(0, frame.length - 4);
                byte[] shorter = new byte[4 + cut];
                System.arraycopy(frame, 0, shorter, 0, shorter.length);
                ByteBuffer.wrap(shorter).putInt(0, cut);
                return shorter;
            }
            case 5 -> {
                byte[] garbage = data.consumeBytes(16);
                byte[] longer = new byte[frame.length + garbage.length];
                System.arraycopy(frame, 0, longer, 0, frame.length);
                System.arraycopy(garbage, 0, longer, frame.length, garbage.length);
                ByteBuffer.wrap(longer).putInt(0, longer.length - 4);
                return longer;
            }
            default -> {
                // whole: most frames reach their handler
            }
        }
        return frame;
    }

    private static void deliver(DispatcherHarness harness, byte[] bytes, int from, int to, List<ByteBuf> delivered) {
        if (to <= from || !harness.channel.isOpen()) {
            return;
        }
        ByteBuf buf = harness.channel.alloc().buffer(to - from).writeBytes(bytes, from, to - from);
        delivered.add(buf);
        harness.channel.writeInbound(buf);
    }

    private static void run(DispatcherHarness harness) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int ran = harness.runHandlers();
            if (harness.channel.isOpen()) {
                harness.channel.writeInbound(TaskRunner.RUN_TASKS);
            } else {
                harness.runEventLoop();
            }
            if (ran == 0 && harness.queuedHandlerCalls() == 0) {
                return;
            }
        }
    }

    /**
     * Runs the event loop's queued tasks as a real event loop does, one after another. Run from the
     * test at top level, EmbeddedChannel runs further queued tasks inside a write (to flush them),
     * so a completion written while another response is half written interleaves the two frames:
     * an artefact a NIO or epoll loop never produces. Inside {@code writeInbound} it does not.
     */
    private static final class TaskRunner extends io.netty.channel.ChannelInboundHandlerAdapter {
        static final Object RUN_TASKS = new Object();

        @Override
        public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
            if (msg == RUN_TASKS) {
                ((io.netty.channel.embedded.EmbeddedChannel) ctx.channel()).runPendingTasks();
            } else {
                ctx.fireChannelRead(msg);
            }
        }
    }

    /**
     * The correlation ids of the frames as the decoder splits the stream (size-prefixed, stopping
     * at a size it would refuse or that the stream does not hold) must contain, in order, those of
     * the responses.
     */
    private static void assertAnswersCarryCorrelationIds(byte[] sent, byte[] written) {
        List<Integer> requestIds = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(sent);
        while (in.remaining() >= 4) {
            int size = in.getInt();
            if (size < 0 || size > in.remaining()) {
                break;
            }
            if (size >= 8) {
                requestIds.add(in.getInt(in.position() + 4));
            }
            in.position(in.position() + size);
        }
        ByteBuffer out = ByteBuffer.wrap(written);
        int next = 0;
        while (out.hasRemaining()) {
            check(out.remaining() >= 8, "a response cut short: " + out.remaining() + " bytes");
            int size = out.getInt();
            check(size >= 4 && size <= out.remaining(), "a response of size " + size + " with " + out.remaining() + " bytes");
            int correlationId = out.getInt(out.position());
            while (next < requestIds.size() && requestIds.get(next) != correlationId) {
                next++;
            }
            check(next < requestIds.size(), "response with correlation id " + correlationId + " answers none of "
                    + requestIds + " in order");
            next++;
            out.position(out.position() + size);
        }
    }

    private static void check(boolean condition, String violation) {
        if (!condition) {
            throw new AssertionError(violation);
        }
    }
}
