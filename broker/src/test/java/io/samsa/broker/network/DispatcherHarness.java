package io.samsa.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.api.ApiRegistry;
import io.samsa.broker.api.BasicRequestHeaderDecoder;
import io.samsa.protocol.util.ManualTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

/**
 * An {@link EmbeddedChannel} running the real frame decoder and dispatcher, with a manual I/O
 * executor: requests reach handlers only when the test calls {@link #runHandlers()}, and
 * completions are written only when it calls {@link #runEventLoop()}.
 */
final class DispatcherHarness implements AutoCloseable {
    final ManualTime time = new ManualTime();
    final InFlightRequests inFlight = new InFlightRequests();
    /** The client-error lines logged, when the harness made its own {@link ClientErrorLog}. */
    final List<String> warnings = new ArrayList<>();
    final EmbeddedChannel channel;
    private final Queue<Runnable> ioTasks = new ArrayDeque<>();
    private final RequestDispatcher dispatcher;

    DispatcherHarness(int maxInFlight, ApiHandler... handlers) {
        this(maxInFlight, null, handlers);
    }

    /** @param clientErrors shared with other harnesses (connections), or null for one recording into {@link #warnings} */
    DispatcherHarness(int maxInFlight, ClientErrorLog clientErrors, ApiHandler... handlers) {
        ClientErrorLog errors = clientErrors != null ? clientErrors : new ClientErrorLog(time, 1_000, warnings::add);
        DispatcherContext context = new DispatcherContext(ApiRegistry.of(List.of(handlers)), BasicRequestHeaderDecoder.INSTANCE,
                ioTasks::add, inFlight, time, "PLAINTEXT", maxInFlight, errors);
        dispatcher = new RequestDispatcher(context);
        channel = new EmbeddedChannel(new RequestFrameDecoder(1 << 20, errors), dispatcher);
    }

    /** Delivers bytes in a leak-tracked buffer, so a frame the dispatcher fails to release is reported. */
    void send(byte[] bytes) {
        channel.writeInbound(channel.alloc().buffer(bytes.length).writeBytes(bytes));
    }

    /** Runs every queued handler invocation on the test thread. */
    int runHandlers() {
        int ran = 0;
        Runnable task;
        while ((task = ioTasks.poll()) != null) {
            task.run();
            ran++;
        }
        return ran;
    }

    /** Runs event-loop tasks (completions hopping back), which write responses. */
    void runEventLoop() {
        channel.runPendingTasks();
    }

    int queuedHandlerCalls() {
        return ioTasks.size();
    }

    ConnectionStats stats() {
        return dispatcher.stats();
    }

    /** @return every byte written so far, file regions included; releases what it reads */
    byte[] drainOutbound() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WritableByteChannel sink = Channels.newChannel(out);
        Object msg;
        while ((msg = channel.readOutbound()) != null) {
            try {
                if (msg instanceof ByteBuf buf) {
                    buf.readBytes(out, buf.readableBytes());
                } else if (msg instanceof FileRegion region) {
                    while (region.transferred() < region.count()) {
                        region.transferTo(sink, region.transferred());
                    }
                } else {
                    throw new AssertionError("unexpected outbound " + msg);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                io.netty.util.ReferenceCountUtil.release(msg);
            }
        }
        return out.toByteArray();
    }

    /** Splits written bytes into response frames. */
    static List<Response> parseResponses(byte[] bytes, int headerVersion) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        List<Response> out = new ArrayList<>();
        while (buf.hasRemaining()) {
            int size = buf.getInt();
            int correlationId = buf.getInt();
            int tagged = headerVersion == 1 ? buf.get() : 0;
            if (tagged != 0) {
                throw new AssertionError("tagged fields in response header");
            }
            byte[] body = new byte[size - (headerVersion == 1 ? 5 : 4)];
            buf.get(body);
            out.add(new Response(correlationId, body));
        }
        return out;
    }

    record Response(int correlationId, byte[] body) {
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
        runHandlers();
        runEventLoop();
    }
}
