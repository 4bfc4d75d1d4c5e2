package io.samsa.broker.cluster;

import io.samsa.metadata.image.MetadataDelta;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.MetadataListener;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.image.TopicDelta;
import io.samsa.metadata.image.TopicImage;
import java.util.Map;

/**
 * Hands the image's partition changes that concern this broker to a {@link PartitionRoleSink}:
 * each changed partition it is a replica of (new topic, leader or ISR change, reassignment onto
 * it), each partition it stopped replicating (reassigned away) and every partition of a deleted
 * topic it held (unless a topic of the same name replaced it in the same delta). Runs on the
 * metadata applying thread; the sink must not block.
 */
final class PartitionRolePublisher implements MetadataListener {
    private final int brokerId;
    private final PartitionRoleSink sink;

    PartitionRolePublisher(int brokerId, PartitionRoleSink sink) {
        this.brokerId = brokerId;
        this.sink = sink;
    }

    @Override
    public void onMetadataUpdate(MetadataDelta delta, MetadataImage image) {
        for (TopicDelta topic : delta.changedTopics().values()) {
            TopicImage before = delta.base().topic(topic.id());
            for (Map.Entry<Integer, PartitionRegistration> change : topic.changedPartitions().entrySet()) {
                int partition = change.getKey();
                if (isReplica(change.getValue())) {
                    sink.onRole(topic.name(), partition, change.getValue());
                } else if (before != null && before.partition(partition) != null
                        && isReplica(before.partition(partition))) {
                    sink.onRemoved(topic.name(), partition);
                }
            }
        }
        for (TopicImage deleted : delta.deletedTopics().values()) {
            if (image.topic(deleted.name()) != null) {
                continue; // re-created under the same name: its partitions got their roles above
            }
            deleted.partitions().forEach((partition, registration) -> {
                if (isReplica(registration)) {
                    sink.onRemoved(deleted.name(), partition);
                }
            });
        }
    }

    private boolean isReplica(PartitionRegistration registration) {
        for (int replica : registration.replicas()) {
            if (replica == brokerId) {
                return true;
            }
        }
        return false;
    }
}
