package io.samsa.broker.api;

import io.netty.buffer.ByteBuf;
import io.netty.channel.FileRegion;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * A response body ready to send: a sequence of parts, each a {@link ByteBuf} or a
 * {@link FileRegion}, written back to back. The dispatcher writes the int32 size prefix (computed
 * over the response header and every part) and the response header in front, so a Fetch response
 * can be small encoded buffers around file regions that go out by sendfile, never copied.
 *
 * <pre>
 *  | size int32 | response header | part 0 | part 1 (file region) | part 2 | ...
 *                 \_______________ size counts all of these ______________/
 * </pre>
 *
 * <p><b>Ownership.</b> Adding a part transfers one reference of it to this send. From then on the
 * send owns it: the dispatcher either writes the parts to the channel (which releases each after
 * writing or on failure) or calls {@link #release()} (connection gone, response dropped). A
 * handler must not touch a part after completing its future with the send. A {@code FileRegion}'s
 * release runs its {@code deallocate}; {@link io.netty.channel.DefaultFileRegion} closes its file
 * there, so a region over a log segment's shared channel must be one that does not
 * ({@link io.samsa.broker.api.SharedFileRegion}).
 *
 * <p>Not thread-safe: one owner at a time (the handler, then, via the future, the dispatcher).
 */
public final class ResponseSend {
    private static final ResponseSend NONE = new ResponseSend(List.of(), 0);

    private final List<Object> parts;
    private final long sizeBytes;
    private boolean taken;

    private ResponseSend(List<Object> parts, long sizeBytes) {
        this.parts = parts;
        this.sizeBytes = sizeBytes;
    }

    /** @return the marker for "send nothing back" (Produce with acks=0) */
    public static ResponseSend none() {
        return NONE;
    }

    /**
     * @param body transferred: the send owns it
     * @return a send of one buffer
     */
    public static ResponseSend of(ByteBuf body) {
        return builder().add(body).build();
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether this is {@link #none()}: the request gets no response at all */
    public boolean isNone() {
        return this == NONE;
    }

    /** @return total bytes of all parts, excluding size prefix and response header */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** @return how many parts the send has */
    public int partCount() {
        return parts.size();
    }

    /**
     * Hands every part to the caller, who then owns one reference of each (normally by writing it
     * to a channel). Framework use only; may be called once.
     *
     * @return the parts in order, each a {@code ByteBuf} or a {@code FileRegion}
     */
    public List<Object> takeParts() {
        if (taken) {
            throw new IllegalStateException("parts already taken or released");
        }
        taken = true;
        return parts;
    }

    /** Releases every part not yet taken. Idempotent; a no-op for {@link #none()}. */
    public void release() {
        if (!taken) {
            taken = true;
            parts.forEach(ReferenceCountUtil::safeRelease);
        }
    }

    /**
     * Collects parts. Owns every part added; if the handler gives up before {@link #build()}, it
     * must call {@link #release()}. Not thread-safe.
     */
    public static final class Builder {
        /** Room left for the size prefix's own payload: response header of at most 5 bytes. */
        private static final long MAX_BODY_BYTES = Integer.MAX_VALUE - 5;

        private final List<Object> parts = new ArrayList<>();
        private long sizeBytes;

        private Builder() {
        }

        /**
         * @param part transferred; its readable bytes are sent
         * @throws IllegalArgumentException when the response would exceed 2 GiB (everything added is released)
         */
        public Builder add(ByteBuf part) {
            return addPart(part, part.readableBytes());
        }

        /**
         * @param region transferred; its bytes from {@code transferred()} to {@code count()} are sent
         * @throws IllegalArgumentException when the response would exceed 2 GiB (everything added is released)
         */
        public Builder add(FileRegion region) {
            return addPart(region, region.count() - region.transferred());
        }

        private Builder addPart(Object part, long bytes) {
            parts.add(part);
            sizeBytes += bytes;
            if (sizeBytes > MAX_BODY_BYTES) {
                release();
                throw new IllegalArgumentException("response larger than " + MAX_BODY_BYTES + " bytes");
            }
            return this;
        }

        /** @return the send, which now owns every part */
        public ResponseSend build() {
            return new ResponseSend(List.copyOf(parts), sizeBytes);
        }

        /** Releases every part added so far. */
        public void release() {
            parts.forEach(ReferenceCountUtil::safeRelease);
            parts.clear();
            sizeBytes = 0;
        }
    }
}
