package io.samsa.broker.admin.view;

import io.samsa.protocol.types.Uuid;
import java.util.List;
import java.util.Optional;

/**
 * The cluster metadata the Metadata API reports: the brokers and the topics with each
 * partition's leader, epoch, replicas and ISR. {@link SingleNodeView} reads this node's topic
 * registry; {@link ImageClusterView} reads the metadata image of the quorum.
 */
public interface ClusterMetadataView extends BrokerView {
    /** @return every topic */
    List<TopicView> topics();

    /** @return the topic with this name */
    Optional<TopicView> topic(String name);

    /** @return the topic with this id */
    Optional<TopicView> topic(Uuid id);
}
