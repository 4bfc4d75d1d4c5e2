package io.samsa.broker.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.metadata.controller.ControllerOperation;
import io.samsa.metadata.image.BrokerRegistration;
import io.samsa.metadata.image.Endpoint;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.MetadataListener;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.image.TopicImage;
import io.samsa.metadata.quorum.MetadataQuorum;
import io.samsa.metadata.quorum.QuorumStatus;
import io.samsa.metadata.rpc.ControllerRpc;
import io.samsa.metadata.rpc.proto.CreatableTopicRpc;
import io.samsa.metadata.rpc.proto.ControllerRequest;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ImageCoordinatorLocatorTest {
    private static final Uuid OFFSETS_ID = new Uuid(3, 3);

    /** A quorum that serves a given image and records forwarded requests, never answering them. */
    private static final class ImageOnlyQuorum implements MetadataQuorum {
        volatile MetadataImage image = MetadataImage.EMPTY;
        final List<ControllerRequest> forwarded = new ArrayList<>();
        final List<CompletableFuture<?>> answers = new ArrayList<>();

        @Override
        public void start() {
        }

        @Override
        public MetadataImage currentImage() {
            return image;
        }

        @Override
        public void addListener(MetadataListener listener) {
        }

        @Override
        public <T> CompletableFuture<T> submit(ControllerOperation<T> operation) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized <T> CompletableFuture<T> forward(ControllerRpc<T> rpc, long timeoutMs) {
            forwarded.add(rpc.request());
            CompletableFuture<T> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        }

        @Override
        public int leaderId() {
            return 1;
        }

        @Override
        public QuorumStatus status() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String clusterId() {
            return "c";
        }

        @Override
        public void close() {
        }
    }

    private static BrokerRegistration broker(int id, boolean fenced) {
        return new BrokerRegistration(id, new Uuid(1, id), id, List.of(
                new Endpoint("INTERNAL", "10.0.0." + id, 9093, "PLAINTEXT"),
                new Endpoint("PLAINTEXT", "host-" + id, 9092, "PLAINTEXT")), Optional.empty(), fenced, 0);
    }

    private static MetadataImage image(Map<Integer, BrokerRegistration> brokers, TopicImage offsets) {
        Map<Uuid, TopicImage> topics = new HashMap<>();
        Map<String, Uuid> names = new HashMap<>();
        if (offsets != null) {
            topics.put(offsets.id(), offsets);
            names.put(offsets.name(), offsets.id());
        }
        return new MetadataImage(10, 1, Optional.of("c"), brokers, topics, names, Map.of(), 0, Map.of(), 3);
    }

    private static TopicImage offsetsLedBy(int leader) {
        return new TopicImage(OffsetsTopic.NAME, OFFSETS_ID, Map.of(0, new PartitionRegistration(new int[] {1, 2, 3},
                new int[] {1, 2, 3}, new int[0], new int[0], leader, 4, 4)));
    }

    private final ImageOnlyQuorum quorum = new ImageOnlyQuorum();
    private final ImageCoordinatorLocator locator = new ImageCoordinatorLocator(() -> quorum, 1, (short) 3, 1024, 5000);

    @Test
    void tooFewUnfencedBrokersForTheReplicationFactorCreateNothing() {
        quorum.image = image(Map.of(1, broker(1, false), 2, broker(2, false), 3, broker(3, true)), null);
        assertEquals(ErrorCode.COORDINATOR_NOT_AVAILABLE, locator.locate(0, "PLAINTEXT").error());
        assertTrue(quorum.forwarded.isEmpty());
    }

    @Test
    void theFirstLookupCreatesTheTopicThroughTheControllerOnce() {
        quorum.image = image(Map.of(1, broker(1, false), 2, broker(2, false), 3, broker(3, false)), null);
        assertEquals(ErrorCode.COORDINATOR_NOT_AVAILABLE, locator.locate(0, "PLAINTEXT").error());
        assertEquals(ErrorCode.COORDINATOR_NOT_AVAILABLE, locator.locate(0, "PLAINTEXT").error());
        assertEquals(1, quorum.forwarded.size(), "one creation at a time");
        CreatableTopicRpc created = quorum.forwarded.get(0).getCreateTopics().getTopics(0);
        assertEquals(OffsetsTopic.NAME, created.getName());
        assertEquals(1, created.getNumPartitions());
        assertEquals(3, created.getReplicationFactor());
        assertEquals(Map.of("cleanup.policy", "compact", "segment.bytes", "1024"), created.getConfigsMap());

        quorum.answers.get(0).completeExceptionally(new IllegalStateException("no controller"));
        locator.locate(0, "PLAINTEXT");
        assertEquals(2, quorum.forwarded.size(), "asked again once the first attempt ended");
    }

    @Test
    void theCoordinatorIsThePartitionLeaderOnTheRequestsListener() {
        Map<Integer, BrokerRegistration> brokers = Map.of(1, broker(1, false), 2, broker(2, false), 3, broker(3, false));
        quorum.image = image(brokers, offsetsLedBy(PartitionRegistration.NO_LEADER));
        assertEquals(ErrorCode.COORDINATOR_NOT_AVAILABLE, locator.locate(0, "PLAINTEXT").error());

        quorum.image = image(brokers, offsetsLedBy(2));
        assertEquals(CoordinatorLocator.Location.at(2, "host-2", 9092), locator.locate(0, "PLAINTEXT"));
        assertEquals(CoordinatorLocator.Location.at(2, "10.0.0.2", 9093), locator.locate(0, "INTERNAL"));
        assertEquals(CoordinatorLocator.Location.at(2, "10.0.0.2", 9093), locator.locate(0, "in-process"),
                "an unknown listener gets the first endpoint");
        assertTrue(quorum.forwarded.isEmpty(), "an existing topic is not created again");
    }
}
