package io.samsa.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.IllegalReferenceCountException;
import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.api.ClientErrorException;
import io.samsa.broker.api.RequestContext;
import io.samsa.protocol.header.RequestHeader;
import io.samsa.broker.api.ResponseSend;
import io.samsa.protocol.ProtocolDecodeException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last inbound handler: turns each request frame into a handler call on the I/O executor and
 * writes the responses back in request order.
 *
 * <pre>
 *  event loop                         I/O executor                   any thread
 *  frame -> peek key/version/corr id
 *        -> find handler, check version
 *        -> decode header
 *        -> take a response slot -----> handler.handle(ctx, body) --> future completes
 *  write ready slots in order <----------------------------------------/  (hop back to the loop)
 * </pre>
 *
 * <p><b>Flow control.</b> A request is dispatched only while the connection has fewer than
 * {@code queued.max.requests} unanswered requests and its outbound buffer is below the high-water
 * mark; otherwise reading pauses ({@link ReadGate}) and frames already read (one read can carry
 * many) are parked in order until a slot frees. So a client that pipelines requests and never
 * reads costs the broker at most one read's frames, the in-flight responses and the high-water
 * mark, however many requests it sends.
 *
 * <p>An unknown API key, an unsupported version or a malformed header stops reading; the
 * responses to earlier requests are still written, then the connection closes with a log line.
 * So does a handler that throws or fails its future. Other connections are unaffected.
 *
 * <p><b>Logging.</b> A client's mistake (a refused request, a body that does not decode, a
 * {@link ClientErrorException} from a handler) is one {@link ClientErrorLog} line at most, with
 * no stack trace. Anything else a handler throws is a Samsa bug and is logged at ERROR with its
 * stack trace, as is a non-I/O exception reaching the pipeline.
 *
 * <p><b>Ownership.</b> Each inbound frame is owned by this handler: it is released at once when
 * rejected or when the connection closes while it is parked, otherwise when the handler's future
 * completes. Each completed {@link ResponseSend}
 * passes to the channel when written, or is released if the connection is gone.
 *
 * <p>One instance per connection; all state is confined to the channel's event loop.
 */
public final class RequestDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    private final DispatcherContext shared;
    private final ResponseSequencer responses = new ResponseSequencer();
    /** Frames read while the gate was closed, oldest first; owned by this handler. */
    private final ArrayDeque<ByteBuf> parked = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    /** Created on the first order-sensitive request; event loop only. */
    private SerialExecutor serial;
    private ReadGate gate;
    private boolean rejecting;
    private boolean closed;

    public RequestDispatcher(DispatcherContext shared) {
        this.shared = shared;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        gate = new ReadGate(ctx.channel(), shared.maxInFlightPerConnection());
    }

    /** @param msg a frame from {@link RequestFrameDecoder}; ownership passes to this handler */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (closed || rejecting) {
            frame.release();
            return;
        }
        if (parked.isEmpty() && gate.isOpen(responses.size())) {
            dispatch(ctx, frame);
        } else {
            parked.addLast(frame); // one read can carry many frames; they wait for a free slot
        }
    }

    /** Dispatches parked frames while the gate lets requests through, then re-evaluates reading. */
    private void dispatchParked(ChannelHandlerContext ctx) {
        while (!closed && !rejecting && !parked.isEmpty() && gate.isOpen(responses.size())) {
            dispatch(ctx, parked.pollFirst());
        }
        if (!closed) {
            gate.update(responses.size());
        }
    }

    private void releaseParked() {
        ByteBuf frame;
        while ((frame = parked.pollFirst()) != null) {
            frame.release();
        }
    }

    /** @param frame transferred: released here on rejection, else after the handler's future completes */
    private void dispatch(ChannelHandlerContext ctx, ByteBuf frame) {
        short apiKey = RequestFrame.apiKey(frame);
        short apiVersion = RequestFrame.apiVersion(frame);
        int correlationId = RequestFrame.correlationId(frame);
        ApiHandler handler = shared.registry().handler(apiKey);
        if (handler == null) {
            reject(ctx, frame, correlationId, "unknown API key " + apiKey + " (correlation id " + correlationId + ")");
            return;
        }
        String api = handler.spec().name();
        if (!handler.spec().supports(apiVersion) && !handler.acceptsUnsupportedVersion(apiVersion)) {
            reject(ctx, frame, correlationId, "unsupported " + api + " version " + apiVersion + " (correlation id "
                    + correlationId + ", supported " + handler.spec().minVersion() + "-" + handler.spec().maxVersion() + ")");
            return;
        }
        RequestHeader header;
        try {
            header = shared.headerDecoder().decode(frame, handler.requestHeaderVersion(apiVersion));
        } catch (ProtocolDecodeException e) {
            reject(ctx, frame, correlationId, "malformed " + api + " request header: " + e.getMessage());
            return;
        }
        RequestContext context = new RequestContext(header, ctx.channel().remoteAddress(), shared.listenerName(),
                shared.time().nanoseconds());
        PendingResponse slot = addSlot(api, correlationId, handler.responseHeaderVersion(apiVersion));
        try {
            Executor executor = handler.orderedPerConnection() ? serialExecutor() : shared.ioExecutor();
            executor.execute(() -> invoke(ctx, handler, context, frame, slot));
        } catch (RejectedExecutionException e) {
            frame.release();
            rejecting = true; // dispatch nothing more; the failed slot closes the connection
            slot.fail(new RequestRejectedException("broker is shutting down"));
            writeReady(ctx);
        }
    }

    /** The I/O executor, one task at a time for this connection (handlers that ask for order). */
    private Executor serialExecutor() {
        if (serial == null) {
            serial = new SerialExecutor(shared.ioExecutor());
        }
        return serial;
    }

    /** Runs on the I/O executor. {@code frame} is transferred: released once the future completes. */
    private void invoke(ChannelHandlerContext ctx, ApiHandler handler, RequestContext context, ByteBuf frame,
                        PendingResponse slot) {
        CompletableFuture<ResponseSend> future;
        try {
            future = handler.handle(context, frame);
            if (future == null) {
                throw new IllegalStateException(handler.spec().name() + " handler returned no future");
            }
        } catch (Throwable t) {
            future = CompletableFuture.failedFuture(t);
        }
        future.whenComplete((send, error) -> {
            releaseFrame(handler, frame);
            onHandlerDone(ctx, slot, send, error);
        });
    }

    /** Any thread: hops back to the event loop. {@code send} is transferred (released if the loop is gone). */
    private void onHandlerDone(ChannelHandlerContext ctx, PendingResponse slot, ResponseSend send, Throwable error) {
        try {
            ctx.executor().execute(() -> complete(ctx, slot, send, error));
        } catch (RejectedExecutionException e) {
            if (send != null) {
                send.release(); // the event loop is gone, and the connection with it
            }
        }
    }

    private void complete(ChannelHandlerContext ctx, PendingResponse slot, ResponseSend send, Throwable error) {
        if (closed) {
            if (send != null) {
                send.release();
            }
            return;
        }
        if (error != null) {
            slot.fail(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
        } else if (send == null) {
            slot.fail(new IllegalStateException(slot.apiName() + " handler completed with null; use ResponseSend.none()"));
        } else {
            slot.complete(send);
        }
        writeReady(ctx);
    }

    /** Writes every response whose turn has come, flushes once, and re-evaluates reading. */
    private void writeReady(ChannelHandlerContext ctx) {
        boolean wrote = false;
        PendingResponse failed = null;
        PendingResponse slot;
        while ((slot = responses.pollReady()) != null) {
            shared.inFlight().decrement(1);
            if (slot.failure() != null) {
                failed = slot;
                break;
            }
            if (!slot.send().isNone()) {
                ResponseWriter.write(ctx, slot, slot.send());
                wrote = true;
            }
        }
        if (wrote) {
            ctx.flush();
        }
        if (failed != null) {
            logFailure(ctx, failed);
            closeConnection(ctx);
        } else {
            dispatchParked(ctx);
        }
    }

    /** @param frame transferred: released at once */
    private void reject(ChannelHandlerContext ctx, ByteBuf frame, int correlationId, String reason) {
        frame.release();
        rejecting = true;
        releaseParked();
        gate.stop();
        PendingResponse slot = addSlot("rejected", correlationId, (short) 0);
        slot.fail(new RequestRejectedException(reason));
        writeReady(ctx);
    }

    private PendingResponse addSlot(String api, int correlationId, short responseHeaderVersion) {
        shared.inFlight().increment();
        PendingResponse slot = responses.add(api, correlationId, responseHeaderVersion);
        gate.update(responses.size());
        return slot;
    }

    /** @param frame transferred: this releases the dispatcher's reference */
    private static void releaseFrame(ApiHandler handler, ByteBuf frame) {
        try {
            frame.release();
        } catch (IllegalReferenceCountException e) {
            log.error("{} handler released a request body it does not own", handler.spec().name(), e);
        }
    }

    private void logFailure(ChannelHandlerContext ctx, PendingResponse slot) {
        Throwable failure = slot.failure();
        Object peer = ctx.channel().remoteAddress();
        if (isClientError(failure)) {
            String what = failure instanceof RequestRejectedException ? failure.getMessage()
                    : slot.apiName() + " request (correlation id " + slot.correlationId() + "): " + failure.getMessage();
            shared.clientErrors().warn(ctx.channel(), "Closing connection from " + peer + ": " + what);
        } else {
            log.error("Closing connection from {}: {} request (correlation id {}) failed", peer, slot.apiName(),
                    slot.correlationId(), failure);
        }
    }

    /** @return whether the failure is the client's doing rather than the broker's */
    static boolean isClientError(Throwable failure) {
        return failure instanceof RequestRejectedException || failure instanceof ProtocolDecodeException
                || failure instanceof ClientErrorException;
    }

    private void closeConnection(ChannelHandlerContext ctx) {
        if (!closed) {
            closed = true;
            releaseParked();
            shared.inFlight().decrement(responses.clear());
            ctx.close();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        dispatchParked(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeConnection(ctx);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("Connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.error("Closing connection from {} after an unexpected error", ctx.channel().remoteAddress(), cause);
        }
        closeConnection(ctx);
    }

    /** Shutdown: read no more requests; the ones already read are still answered. Event loop only. */
    public void stopReading() {
        gate.stop();
    }

    /** @return this connection's flow-control state. Event loop only. */
    public ConnectionStats stats() {
        ChannelOutboundBuffer outbound = ctx.channel().unsafe().outboundBuffer();
        long pending = outbound == null ? 0 : outbound.totalPendingWriteBytes();
        return new ConnectionStats(ctx.channel().remoteAddress(), responses.size(), parked.size(), ctx.channel().config().isAutoRead(),
                ctx.channel().isWritable(), pending, gate.pauses());
    }
}
