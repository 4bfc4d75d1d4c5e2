package io.samsa.client.internals.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.samsa.client.common.Node;
import io.samsa.client.errors.CoordinatorNotAvailableException;
import io.samsa.client.errors.RetriableException;
import io.samsa.client.internals.network.NetworkClient;
import io.samsa.client.internals.network.NetworkConfig;
import io.samsa.client.testing.FakeKafkaServer;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.FindCoordinatorRequest;
import io.samsa.protocol.message.FindCoordinatorResponse;
import io.samsa.protocol.util.Time;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FindCoordinator batching, the v0-3 fallback and the cache, against a scriptable broker. */
class CoordinatorLookupTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeKafkaServer server;
    private NetworkClient network;
    private CoordinatorLookup lookup;

    @BeforeEach
    void setUp() {
        server = new FakeKafkaServer();
        network = new NetworkClient(NetworkConfig.defaults("coordinator-test"), Time.SYSTEM);
        // a long max age and no tracked topics: the metadata refresher stays out of the way after its first request
        ClusterMetadata metadata = new ClusterMetadata(network, List.of(new Node(-1, "127.0.0.1", server.port())),
            3_600_000, 3_600_000, false);
        lookup = new CoordinatorLookup(network, metadata);
    }

    @AfterEach
    void tearDown() {
        network.close();
        server.close();
    }

    /** The next FindCoordinator request (the metadata refresher's request is answered on the way). */
    private FakeKafkaServer.Received nextFindCoordinator() throws InterruptedException {
        while (true) {
            FakeKafkaServer.Received received = server.take(WAIT);
            if (received.header().apiKey() == ApiMessageType.FIND_COORDINATOR.apiKey()) {
                return received;
            }
            received.respond(new io.samsa.protocol.message.MetadataResponse());
        }
    }

    /** The next FindCoordinator request within a short window, or null (Metadata requests are answered in passing, in order). */
    private FakeKafkaServer.Received pollBriefly() {
        FakeKafkaServer.Received next;
        while ((next = server.poll(Duration.ofMillis(300))) != null) {
            if (next.header().apiKey() == ApiMessageType.FIND_COORDINATOR.apiKey()) {
                return next;
            }
            next.respond(new io.samsa.protocol.message.MetadataResponse());
        }
        return null;
    }

    private static FindCoordinatorResponse.Coordinator coordinator(String key, int nodeId) {
        return new FindCoordinatorResponse.Coordinator().setKey(key).setNodeId(nodeId).setHost("127.0.0.1").setPort(9000 + nodeId);
    }

    @Test
    void batchesKeysFromV4AndCachesTheAnswers() throws Exception {
        Map<String, CompletableFuture<Node>> found = lookup.findAll(CoordinatorType.GROUP, List.of("g1", "g2"));
        FakeKafkaServer.Received request = nextFindCoordinator();
        assertEquals(6, request.header().apiVersion());
        FindCoordinatorRequest body = (FindCoordinatorRequest) request.body();
        assertEquals(List.of("g1", "g2"), body.coordinatorKeys());
        assertEquals(CoordinatorType.GROUP.id(), body.keyType());
        request.respond(new FindCoordinatorResponse().setCoordinators(List.of(coordinator("g1", 1), coordinator("g2", 2))));
        assertEquals(1, found.get("g1").get().id());
        assertEquals(9002, found.get("g2").get().port());

        assertEquals(2, lookup.find(CoordinatorType.GROUP, "g2").get().id());
        assertNull(pollBriefly(), "a cached coordinator needs no lookup");

        lookup.onError(CoordinatorType.GROUP, "g2", ErrorCode.NOT_COORDINATOR);
        CompletableFuture<Node> again = lookup.find(CoordinatorType.GROUP, "g2");
        FakeKafkaServer.Received refresh = nextFindCoordinator();
        assertEquals(List.of("g2"), ((FindCoordinatorRequest) refresh.body()).coordinatorKeys());
        refresh.respond(new FindCoordinatorResponse().setCoordinators(List.of(coordinator("g2", 3))));
        assertEquals(3, again.get().id());
    }

    @Test
    void fallsBackToOneKeyPerRequestBelowV4() throws Exception {
        server.advertise(ApiMessageType.FIND_COORDINATOR, 0, 3);
        Map<String, CompletableFuture<Node>> found = lookup.findAll(CoordinatorType.TRANSACTION, List.of("tx1", "tx2"));
        for (int i = 0; i < 2; i++) {
            FakeKafkaServer.Received request = nextFindCoordinator();
            assertEquals(3, request.header().apiVersion());
            FindCoordinatorRequest body = (FindCoordinatorRequest) request.body();
            assertEquals(CoordinatorType.TRANSACTION.id(), body.keyType());
            int nodeId = body.key().equals("tx1") ? 1 : 2;
            request.respond(new FindCoordinatorResponse().setNodeId(nodeId).setHost("127.0.0.1").setPort(9000 + nodeId));
        }
        assertEquals(1, found.get("tx1").get().id());
        assertEquals(2, found.get("tx2").get().id());
    }

    @Test
    void anUnavailableCoordinatorIsARetriableErrorAndNotCached() throws Exception {
        CompletableFuture<Node> found = lookup.find(CoordinatorType.GROUP, "g");
        nextFindCoordinator().respond(new FindCoordinatorResponse().setCoordinators(List.of(
            new FindCoordinatorResponse.Coordinator().setKey("g").setNodeId(-1).setHost("").setPort(-1)
                .setErrorCode(ErrorCode.COORDINATOR_NOT_AVAILABLE.code()))));
        try {
            found.get();
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            assertInstanceOf(CoordinatorNotAvailableException.class, e.getCause());
            assertInstanceOf(RetriableException.class, e.getCause());
        }
        assertNull(lookup.cached(CoordinatorType.GROUP, "g"));
    }
}
