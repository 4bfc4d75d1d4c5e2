package io.samsa.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.samsa.broker.api.ResponseSend;
import java.util.List;

/**
 * Writes one response: size prefix and response header in one small buffer, then the send's parts
 * as they are (buffers and file regions), without flushing.
 * <pre>
 *  header v0: | size int32 | correlation_id int32 |
 *  header v1: | size int32 | correlation_id int32 | tagged fields: uvarint 0 |
 * </pre>
 * Stateless; call on the channel's event loop.
 */
final class ResponseWriter {
    private static final int SIZE_PREFIX_BYTES = 4;

    private ResponseWriter() {
    }

    /**
     * @param send transferred: its parts pass to the channel, which releases each after writing
     *             it or on failure
     */
    static void write(ChannelHandlerContext ctx, PendingResponse slot, ResponseSend send) {
        int headerBytes = slot.responseHeaderVersion() == 0 ? 4 : 5;
        long size = headerBytes + send.sizeBytes();
        ByteBuf prefix = ctx.alloc().ioBuffer(SIZE_PREFIX_BYTES + headerBytes);
        prefix.writeInt((int) size);
        prefix.writeInt(slot.correlationId());
        if (headerBytes == 5) {
            prefix.writeByte(0); // no tagged fields
        }
        ctx.write(prefix, ctx.voidPromise());
        List<Object> parts = send.takeParts();
        for (Object part : parts) {
            ctx.write(part, ctx.voidPromise());
        }
    }
}
