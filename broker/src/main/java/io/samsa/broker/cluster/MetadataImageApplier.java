package io.samsa.broker.cluster;

import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.metadata.image.BrokerRegistration;
import io.samsa.metadata.image.MetadataDelta;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.MetadataListener;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.image.TopicImage;
import io.samsa.metadata.quorum.MetadataQuorum;
import io.samsa.protocol.types.Uuid;
import io.samsa.storage.LogManager;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster mode: makes each committed metadata image drive this broker's data side, in this order
 * per image: the topic registry mirrors the created and changed topics (so a log opened next gets
 * the topic's configs) and the group configs mirror the image's, the replicas get their roles (opening logs) or lose them (deleting logs),
 * then deleted topics leave the registry.
 *
 * <p>Started after storage and the replica manager; the image applied up to then is caught up at
 * start. An image whose delta does not start from the last one applied here (the first after a
 * start, or after an installed snapshot) is applied as the difference between the two, so nothing
 * is missed. Once this broker's own registration (this incarnation) is unfenced in the image, the
 * image has replayed at least everything committed before the broker registered: then, once,
 * registry topics and logs on disk that the image no longer places here are deleted (topics
 * deleted, partitions reassigned away, while the broker was down).
 *
 * <p>Thread-safety: called on the metadata applying thread, and once on the starting thread;
 * serialized by this object's monitor. Never waits on the network.
 */
final class MetadataImageApplier implements MetadataListener, BrokerComponent {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataImageApplier.class);

    private final int brokerId;
    private final Supplier<MetadataQuorum> quorum;
    private final Supplier<Uuid> incarnationId;
    private final TopicMirror mirror;
    private final GroupConfigMirror groupConfigs;
    private final PartitionRolePublisher roles;
    private final PartitionRoleSink sink;
    private final Supplier<LogManager> logs;
    private MetadataImage applied = MetadataImage.EMPTY;
    private boolean reconciled;
    private volatile boolean closed;

    MetadataImageApplier(int brokerId, Supplier<MetadataQuorum> quorum, Supplier<Uuid> incarnationId, TopicMirror mirror,
                         GroupConfigMirror groupConfigs, PartitionRoleSink sink, Supplier<LogManager> logs) {
        this.brokerId = brokerId;
        this.quorum = quorum;
        this.incarnationId = incarnationId;
        this.mirror = mirror;
        this.groupConfigs = groupConfigs;
        this.sink = sink;
        this.roles = new PartitionRolePublisher(brokerId, sink);
        this.logs = logs;
    }

    @Override
    public String name() {
        return "metadata-image-applier";
    }

    @Override
    public void start() {
        MetadataQuorum metadata = quorum.get();
        metadata.addListener(this);
        MetadataImage current = metadata.currentImage();
        onMetadataUpdate(MetadataDelta.between(MetadataImage.EMPTY, current), current);
    }

    @Override
    public synchronized void onMetadataUpdate(MetadataDelta delta, MetadataImage image) {
        if (closed || (image.offset() <= applied.offset() && applied != MetadataImage.EMPTY)) {
            return;
        }
        MetadataDelta effective = delta.base() == applied ? delta : MetadataDelta.between(applied, image);
        mirror.applyChanges(effective, image);
        groupConfigs.applyChanges(effective, image);
        roles.onMetadataUpdate(effective, image);
        mirror.applyDeletions(effective, image);
        applied = image;
        if (!reconciled && caughtUp(image)) {
            reconciled = true;
            reconcile(image);
        }
    }

    private boolean caughtUp(MetadataImage image) {
        BrokerRegistration self = image.broker(brokerId);
        return self != null && !self.fenced() && self.incarnationId().equals(incarnationId.get());
    }

    private void reconcile(MetadataImage image) {
        List<String> topics = mirror.reconcile(image);
        groupConfigs.reconcile(image);
        int removed = 0;
        for (PartitionLog log : logs.get().allLogs()) {
            TopicPartition partition = log.topicPartition();
            TopicImage topic = image.topic(partition.topic());
            PartitionRegistration registration = topic == null ? null : topic.partition(partition.partition());
            if (registration == null || !registration.replicasContain(brokerId)) {
                sink.onRemoved(partition.topic(), partition.partition());
                removed++;
            }
        }
        LOG.info("broker {} caught up with the metadata image at offset {}: dropped {} topics the image no longer has"
                + " {} and {} logs not placed here", brokerId, image.offset(), topics.size(), topics, removed);
    }

    @Override
    public void close() {
        closed = true;
    }
}
