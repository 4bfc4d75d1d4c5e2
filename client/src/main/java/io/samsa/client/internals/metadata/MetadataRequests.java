package io.samsa.client.internals.metadata;

import io.samsa.client.internals.network.ClientRequest;
import io.samsa.client.internals.network.NodeApiVersions;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.MetadataRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Builds Metadata requests for any version from 1 up (v0 cannot ask for "all topics" and no broker
 * Samsa supports needs it): {@code topics == null} asks for every topic, an empty list for brokers
 * and controller only.
 *
 * <p>Stateless; thread-safe.
 */
public final class MetadataRequests {
    static final int MIN_VERSION = 1;
    /** Auto topic creation can be switched off from v4; below that the broker decides. */
    static final int FIRST_VERSION_WITH_AUTO_CREATE_FLAG = 4;

    private MetadataRequests() {
    }

    /**
     * @param topics               topic names, or null for all topics
     * @param allowAutoTopicCreation whether the broker may create the named topics (v4+)
     */
    public static ClientRequest forTopics(Collection<String> topics, boolean allowAutoTopicCreation) {
        List<String> names = topics == null ? null : List.copyOf(topics);
        return ClientRequest.build(ApiMessageType.METADATA, MIN_VERSION, NodeApiVersions.clientMaxVersion(ApiMessageType.METADATA), v -> {
            MetadataRequest request = new MetadataRequest();
            if (names == null) {
                request.setTopics(null);
            } else {
                List<MetadataRequest.MetadataRequestTopic> list = new ArrayList<>(names.size());
                for (String name : names) {
                    list.add(new MetadataRequest.MetadataRequestTopic().setName(name));
                }
                request.setTopics(list);
            }
            if (v >= FIRST_VERSION_WITH_AUTO_CREATE_FLAG) {
                request.setAllowAutoTopicCreation(allowAutoTopicCreation);
            }
            return request;
        });
    }
}
