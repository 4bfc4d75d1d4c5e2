package io.samsa.broker.testing;

import io.samsa.protocol.record.RecordBatch;
import io.samsa.storage.PartitionLog;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Iterator;

/** A partition log's stored batches as bytes, to compare replicas byte for byte. Stateless. */
public final class LogBytes {
    private LogBytes() {
    }

    /** @return the log's bytes from its start up to {@code endOffset} (exclusive, a batch boundary) */
    public static byte[] upTo(PartitionLog log, long endOffset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Iterator<RecordBatch> batches = log.batchesFrom(log.logStartOffset());
        while (batches.hasNext()) {
            RecordBatch batch = batches.next();
            if (batch.baseOffset() >= endOffset) {
                break;
            }
            ByteBuffer view = batch.buffer().duplicate();
            view.limit(batch.start() + batch.sizeInBytes()).position(batch.start());
            byte[] bytes = new byte[view.remaining()];
            view.get(bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
