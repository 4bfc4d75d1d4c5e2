package io.samsa.metadata.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.metadata.controller.api.CreatableTopic;
import io.samsa.metadata.controller.api.CreateTopicResult;
import io.samsa.metadata.controller.api.RegisterBrokerRequest;
import io.samsa.metadata.controller.api.RegisterBrokerResponse;
import io.samsa.metadata.controller.api.BrokerHeartbeatRequest;
import io.samsa.metadata.image.ConfigResource;
import io.samsa.metadata.image.Endpoint;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.Uuid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three Ratis voters in one JVM, shared by the cases (in order): commits reach every voter, a
 * follower refuses writes, the quorum survives one voter down and a leader stop, a restarted voter
 * catches up, and with two voters down an operation fails in bounded time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeVoterQuorumTest {
    private TestQuorum quorum;

    @BeforeAll
    void startQuorum(@TempDir Path root) throws IOException {
        quorum = new TestQuorum(root, 3, Map.of());
        quorum.startAll();
        for (int broker = 1; broker <= 3; broker++) {
            int id = broker;
            RegisterBrokerResponse registered = quorum.submit((c, image, nowMs) -> c.registerBroker(image,
                    new RegisterBrokerRequest(id, quorum.node(1).clusterId(), new Uuid(1, id),
                            List.of(new Endpoint("PLAINTEXT", "127.0.0.1", 9092, "PLAINTEXT")), Optional.empty()), nowMs));
            quorum.submit((c, image, nowMs) -> c.brokerHeartbeat(image,
                    new BrokerHeartbeatRequest(id, registered.brokerEpoch(), image.offset(), false, false), nowMs));
        }
    }

    @AfterAll
    void stopQuorum() {
        quorum.close();
    }

    private CreateTopicResult createTopic(String name) {
        return quorum.submit((c, image, nowMs) -> c.createTopics(image, List.of(CreatableTopic.of(name, 3, 3)), false))
                .get(0);
    }

    @Test
    @Order(1)
    void recordsCommittedOnTheLeaderAreAppliedOnAllThree() {
        CreateTopicResult created = createTopic("everywhere");
        assertEquals(ErrorCode.NONE, created.error().error());
        quorum.awaitAll("topic everywhere", image -> image.topic("everywhere") != null);
        MetadataImage first = quorum.node(1).currentImage();
        quorum.awaitAll("the same image", image -> image.equals(quorum.node(1).currentImage()));
        assertEquals(first.topic("everywhere"), quorum.node(3).currentImage().topic("everywhere"));
        assertEquals(3, first.brokers().size());
        assertTrue(first.clusterId().isPresent(), "the first active controller wrote the cluster id");
    }

    @Test
    @Order(2)
    void aFollowerAnswersNotControllerAndNamesTheLeader() throws Exception {
        int leader = quorum.awaitActive();
        int follower = leader == 1 ? 2 : 1;
        CompletableFuture<io.samsa.metadata.controller.api.ApiError> refused = quorum.node(follower).submit((c, image, nowMs) ->
                c.alterConfigs(image, ConfigResource.topic("everywhere"), Map.of("retention.ms", Optional.of("1"))));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> refused.get(10, TimeUnit.SECONDS));
        MetadataQuorumException error = assertInstanceOf(MetadataQuorumException.class, e.getCause());
        assertEquals(ErrorCode.NOT_CONTROLLER, error.error().error());
        assertEquals(leader, error.leaderId());
        QuorumStatus status = quorum.node(leader).status();
        assertEquals(leader, status.leaderId());
        assertEquals(3, status.voters().size());
        assertTrue(status.highWatermark() > 0);
    }

    @Test
    @Order(3)
    void withOneFollowerDownTheQuorumCommitsAndTheFollowerCatchesUpWhenRestarted() throws IOException {
        int leader = quorum.awaitActive();
        int follower = leader == 3 ? 2 : 3;
        quorum.stop(follower);
        assertEquals(ErrorCode.NONE, createTopic("while-down").error().error());
        quorum.start(follower);
        quorum.awaitAll("topic while-down", image -> image.topic("while-down") != null);
    }

    @Test
    @Order(4)
    void whenTheLeaderStopsANewOneIsElectedAndOperationsSucceed() throws IOException {
        int oldLeader = quorum.awaitActive();
        quorum.stop(oldLeader);
        int newLeader = quorum.awaitActive();
        assertNotEquals(oldLeader, newLeader);
        assertEquals(ErrorCode.NONE, createTopic("after-failover").error().error());
        assertEquals(3, quorum.node(newLeader).currentImage().brokers().size());
        quorum.start(oldLeader);
        quorum.awaitAll("topic after-failover", image -> image.topic("after-failover") != null);
    }

    @Test
    @Order(5)
    void withTwoVotersDownAnOperationFailsInBoundedTimeAndSucceedsOnceTheyReturn() throws Exception {
        int leader = quorum.awaitActive();
        List<Integer> others = quorum.running().stream().filter(id -> id != leader).toList();
        others.forEach(quorum::stop);
        long startNs = System.nanoTime();
        CompletableFuture<List<CreateTopicResult>> attempt = quorum.node(leader).submit((c, image, nowMs) ->
                c.createTopics(image, List.of(CreatableTopic.of("no-majority", 1, 1)), false));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> attempt.get(TestQuorum.REQUEST_TIMEOUT_MS * 4, TimeUnit.MILLISECONDS));
        long tookMs = (System.nanoTime() - startNs) / 1_000_000;
        MetadataQuorumException error = assertInstanceOf(MetadataQuorumException.class, e.getCause());
        assertTrue(error.error().error() == ErrorCode.REQUEST_TIMED_OUT
                || error.error().error() == ErrorCode.NOT_CONTROLLER, error.toString());
        assertTrue(tookMs < TestQuorum.REQUEST_TIMEOUT_MS * 2, "failed after " + tookMs + " ms");
        assertEquals(null, quorum.node(leader).currentImage().topic("no-majority"), "nothing applied");

        for (int id : others) {
            quorum.start(id);
        }
        assertEquals(ErrorCode.NONE, createTopic("majority-again").error().error());
        quorum.awaitAll("topic majority-again", image -> image.topic("majority-again") != null);
    }
}
