package io.samsa.metadata.quorum;

import com.google.protobuf.InvalidProtocolBufferException;
import io.samsa.metadata.image.MetadataDelta;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.records.proto.MetadataRecordBatch;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays one metadata log entry onto an image, the same way on a voter's state machine and on an
 * observer: a batch whose {@code base_version} is not the image's version is dropped (computed
 * against a state that is no longer the truth, or already applied), as is one that does not parse
 * or replay; both deterministically, so every node holds the same image at the same index.
 * Stateless.
 */
final class BatchReplay {
    private static final Logger LOG = LoggerFactory.getLogger(BatchReplay.class);

    private BatchReplay() {
    }

    /** @return the delta the batch at {@code index} makes to {@code current}, or null when it is dropped */
    static MetadataDelta replay(MetadataImage current, ByteBuffer data, long index, int nodeId) {
        MetadataRecordBatch batch;
        try {
            batch = MetadataRecordBatch.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            LOG.error("node {} dropped metadata log entry {}: not a record batch", nodeId, index, e);
            return null;
        }
        if (batch.getBaseVersion() != current.version()) {
            LOG.info("node {} dropped metadata batch at {}: computed against version {}, the image is at {}",
                    nodeId, index, batch.getBaseVersion(), current.version());
            return null;
        }
        MetadataDelta delta = current.newDelta();
        try {
            batch.getRecordsList().forEach(delta::replay);
        } catch (IllegalStateException e) {
            LOG.error("node {} dropped metadata batch at {}: {}", nodeId, index, e.getMessage());
            return null;
        }
        return delta;
    }
}
