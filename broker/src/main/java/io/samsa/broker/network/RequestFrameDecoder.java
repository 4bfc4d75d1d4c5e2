package io.samsa.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the inbound byte stream into request frames: int32 big-endian size, then that many bytes.
 * Emits each frame without its size prefix as a retained slice of the read buffer (a view, no
 * copy).
 *
 * <p>Fail fast: the size is checked as soon as its 4 bytes arrive. A size above
 * {@code socket.request.max.bytes}, or too small to hold the fixed header part, closes the
 * connection with a {@link ClientErrorLog} line; the body is never buffered, and every byte after it is discarded.
 *
 * <p><b>Ownership.</b> Each emitted frame carries one reference that the next handler owns and
 * must release. One instance per channel; confined to the channel's event loop.
 */
public final class RequestFrameDecoder extends ByteToMessageDecoder {
    private static final int SIZE_PREFIX_BYTES = 4;

    private final int maxFrameBytes;
    private final ClientErrorLog clientErrors;
    private boolean failed;

    /** @param maxFrameBytes the largest frame accepted, excluding the size prefix (socket.request.max.bytes) */
    public RequestFrameDecoder(int maxFrameBytes, ClientErrorLog clientErrors) {
        this.maxFrameBytes = maxFrameBytes;
        this.clientErrors = clientErrors;
    }

    /**
     * @param in  borrowed: the cumulation buffer, owned by {@link ByteToMessageDecoder}
     * @param out receives frames, each a retained slice owned by the next handler
     */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < SIZE_PREFIX_BYTES) {
            return;
        }
        int frameBytes = in.getInt(in.readerIndex());
        if (frameBytes > maxFrameBytes || frameBytes < RequestFrame.MIN_FRAME_BYTES) {
            fail(ctx, in, frameBytes);
            return;
        }
        if (in.readableBytes() < SIZE_PREFIX_BYTES + frameBytes) {
            return;
        }
        in.skipBytes(SIZE_PREFIX_BYTES);
        out.add(in.readRetainedSlice(frameBytes));
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, int frameBytes) {
        failed = true;
        in.skipBytes(in.readableBytes());
        Object peer = ctx.channel().remoteAddress();
        clientErrors.warn(ctx.channel(), frameBytes > maxFrameBytes
                ? "Closing connection from " + peer + ": request of " + frameBytes + " bytes exceeds socket.request.max.bytes="
                        + maxFrameBytes
                : "Closing connection from " + peer + ": request size " + frameBytes + " is smaller than a request header");
        ctx.close();
    }
}
