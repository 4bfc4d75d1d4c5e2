package io.samsa.protocol.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * One compression format as a pair of streams, in the framing Kafka's Java client writes so that
 * every Kafka reader accepts what we write and we accept what any Kafka client writes.
 *
 * <p>Implementations are stateless and thread-safe; the streams they return are not.
 */
public interface CompressionCodec {

    /**
     * Wraps {@code out} so that bytes written are compressed into it. Closing the returned stream
     * ends the frame and closes {@code out}.
     */
    OutputStream compressTo(OutputStream out) throws IOException;

    /**
     * A stream of the decompressed bytes of {@code compressed} (position to limit), which it reads
     * in place and does not move. Malformed input surfaces as an {@link IOException} (or a runtime
     * exception from the native library) on read, which the record iterators turn into a
     * {@link CorruptRecordException}. The caller closes the stream.
     */
    InputStream decompress(ByteBuffer compressed) throws IOException;
}
