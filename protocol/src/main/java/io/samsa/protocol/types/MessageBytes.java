package io.samsa.protocol.types;

import java.nio.ByteBuffer;

/**
 * One-call encoding of a message into an exactly sized heap buffer, for callers off the hot path
 * (tests, embedded payloads such as ConsumerProtocolSubscription). The broker's send path writes
 * into its own buffers instead. Stateless.
 */
public final class MessageBytes {
    private MessageBytes() {
    }

    /** The encoding of {@code message} at {@code version}, position 0, limit = size. */
    public static ByteBuffer encode(Message message, short version) {
        ByteBuffer buffer = ByteBuffer.allocate(message.size(version));
        message.write(new ByteBufferWritable(buffer), version);
        if (buffer.hasRemaining()) {
            throw new IllegalStateException(message.getClass().getSimpleName() + ".size(" + version
                    + ") disagrees with write by " + buffer.remaining() + " bytes");
        }
        return buffer.flip();
    }
}
