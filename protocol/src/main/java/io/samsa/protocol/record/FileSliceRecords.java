package io.samsa.protocol.record;

import java.nio.channels.FileChannel;

/**
 * Records that live in a file: a region of a log segment. A writer that can send file regions
 * (the broker's response writer, with sendfile) sends them without reading them into memory; any
 * other writer must read them first.
 */
public interface FileSliceRecords extends Records {

    /** The segment's channel; shared, so a sender must not close it. */
    FileChannel channel();

    /** Where the region starts in {@link #channel()}, in bytes. */
    long position();
}
