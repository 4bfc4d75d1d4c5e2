package io.samsa.broker.api;

import io.netty.channel.DefaultFileRegion;
import java.nio.channels.FileChannel;

/**
 * A file region over a {@link FileChannel} that something else owns, such as a log segment:
 * releasing the region does not close the channel ({@link DefaultFileRegion} would). It is still a
 * {@code DefaultFileRegion}, so the native epoll transport sends it with sendfile, zero-copy.
 *
 * <p>The channel's owner must keep it open until the region is released (the dispatcher releases
 * every response part after writing it or when the connection closes). Not thread-safe; one owner
 * at a time, like any response part.
 */
public final class SharedFileRegion extends DefaultFileRegion {

    /**
     * @param file       not closed by this region
     * @param position   file offset of the first byte to send
     * @param countBytes number of bytes to send
     */
    public SharedFileRegion(FileChannel file, long position, long countBytes) {
        super(file, position, countBytes);
    }

    /** Leaves the shared channel open; only this region's reference count ends. */
    @Override
    protected void deallocate() {
    }
}
