package io.samsa.broker.api;

import io.samsa.protocol.header.RequestHeader;
import io.netty.buffer.ByteBuf;
import io.samsa.protocol.ProtocolDecodeException;

/**
 * The pluggable header-decoding step of the dispatcher. The dispatcher peeks api key, version and
 * correlation id itself; this step decodes the whole header (client id, tagged fields) and leaves
 * the frame positioned at the body. {@link BasicRequestHeaderDecoder} is the built-in
 * implementation; the protocol module's generated header codec can replace it.
 *
 * <p>Implementations must be thread-safe; they are called on event-loop threads and must not block.
 */
@FunctionalInterface
public interface RequestHeaderDecoder {

    /**
     * @param frame         borrowed: one request frame without its size prefix, reader index at the
     *                      header's first byte. On return the reader index is at the body's first
     *                      byte. The decoder must not retain or release it.
     * @param headerVersion 1 or 2, from {@link ApiHandler#requestHeaderVersion}
     * @return the decoded header
     * @throws ProtocolDecodeException when the header is malformed or truncated
     */
    RequestHeader decode(ByteBuf frame, short headerVersion);
}
