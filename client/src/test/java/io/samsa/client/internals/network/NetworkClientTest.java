package io.samsa.client.internals.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.common.Node;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.errors.NetworkException;
import io.samsa.client.errors.RetriableException;
import io.samsa.client.errors.TimeoutException;
import io.samsa.client.errors.UnsupportedVersionException;
import io.samsa.client.testing.FakeKafkaServer;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.ListOffsetsRequest;
import io.samsa.protocol.message.MetadataRequest;
import io.samsa.protocol.message.MetadataResponse;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.types.ApiMessage;
import io.samsa.protocol.util.ManualTime;
import io.samsa.protocol.util.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The network layer against a scriptable broker on 127.0.0.1. */
class NetworkClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeKafkaServer server;
    private NetworkClient client;
    private Node node;

    @BeforeEach
    void setUp() {
        server = new FakeKafkaServer();
        node = new Node(1, "127.0.0.1", server.port());
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private NetworkClient client(Time time, int maxInFlight, int maxResponseBytes) {
        NetworkConfig config = new NetworkConfig("net-test", 5_000, 50, 1_000, 5_000, maxInFlight, 100,
            maxResponseBytes, -1, -1, 60_000);
        client = new NetworkClient(config, time);
        return client;
    }

    private static ClientRequest metadata() {
        return ClientRequest.build(ApiMessageType.METADATA, 1, 13, v -> new MetadataRequest().setTopics(null));
    }

    private static Throwable failure(CompletableFuture<?> future) {
        Await.until(WAIT, "the request to fail", future::isDone);
        try {
            future.join();
            throw new AssertionError("expected a failure but got " + future.join());
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    @Test
    void negotiatesTheHighestCommonVersionAfterTheHandshake() throws Exception {
        server.advertise(ApiMessageType.METADATA, 0, 9);
        client(Time.SYSTEM, 5, 1 << 20);
        CompletableFuture<MetadataResponse> response = client.send(node, metadata(), MetadataResponse.class);
        FakeKafkaServer.Received request = server.take(WAIT);
        assertEquals(9, request.header().apiVersion());
        assertEquals("net-test", request.header().clientId());
        request.respond(new MetadataResponse().setClusterId("c1").setControllerId(7));
        assertEquals("c1", response.get().clusterId());
        assertEquals(List.of((short) 4), server.apiVersionsHeaders().stream().map(h -> h.apiVersion()).toList());
        assertTrue(client.isReady(1));
        assertEquals(9, client.apiVersions(1).orElseThrow().brokerRange(ApiMessageType.METADATA.apiKey()).max());
    }

    @Test
    void retriesApiVersionsAtTheBrokersAdvertisedMax() throws Exception {
        server.advertise(ApiMessageType.API_VERSIONS, 0, 2);
        client(Time.SYSTEM, 5, 1 << 20);
        CompletableFuture<ApiMessage> response = client.send(node, metadata());
        FakeKafkaServer.Received request = server.take(WAIT);
        request.respond(new MetadataResponse());
        response.get();
        assertEquals(List.of((short) 4, (short) 2), server.apiVersionsHeaders().stream().map(h -> h.apiVersion()).toList());
        assertEquals(1, server.connectionCount(), "the fallback stays on the same connection");
    }

    @Test
    void failsWithUnsupportedVersionWhenRangesDoNotMeet() {
        server.advertise(ApiMessageType.LIST_OFFSETS, 0, 0).withdraw(ApiMessageType.DELETE_RECORDS);
        client(Time.SYSTEM, 5, 1 << 20);
        Throwable noCommonVersion = failure(client.send(node, ClientRequest.of(new ListOffsetsRequest())));
        assertInstanceOf(UnsupportedVersionException.class, noCommonVersion);
        Throwable notAdvertised = failure(client.send(node, ClientRequest.of(new io.samsa.protocol.message.DeleteRecordsRequest())));
        assertInstanceOf(UnsupportedVersionException.class, notAdvertised);
        assertTrue(client.isReady(1), "a version mismatch does not cost the connection");
    }

    @Test
    void failedHandshakeFailsTheRequestsAndDisconnects() {
        server.failApiVersions(true);
        client(Time.SYSTEM, 5, 1 << 20);
        Throwable error = failure(client.send(node, metadata()));
        assertInstanceOf(KafkaException.class, error);
        Await.until(WAIT, "the connection to be dropped", () -> !client.isReady(1));
    }

    @Test
    void pipelinedResponsesCompleteTheirOwnRequests() throws Exception {
        client(Time.SYSTEM, 5, 1 << 20);
        List<CompletableFuture<MetadataResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            futures.add(client.send(node, metadata(), MetadataResponse.class));
        }
        List<FakeKafkaServer.Received> requests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requests.add(server.take(WAIT));
        }
        assertTrue(requests.get(0).header().correlationId() < requests.get(1).header().correlationId());
        assertTrue(requests.get(1).header().correlationId() < requests.get(2).header().correlationId());
        for (int i = 0; i < 3; i++) {
            requests.get(i).respond(new MetadataResponse().setThrottleTimeMs(100 + i));
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(100 + i, futures.get(i).get().throttleTimeMs());
        }
    }

    @Test
    void aResponseOutOfOrderClosesTheConnection() throws Exception {
        client(Time.SYSTEM, 5, 1 << 20);
        CompletableFuture<ApiMessage> first = client.send(node, metadata());
        CompletableFuture<ApiMessage> second = client.send(node, metadata());
        server.take(WAIT);
        server.take(WAIT).respond(new MetadataResponse());
        assertInstanceOf(NetworkException.class, failure(first));
        assertInstanceOf(NetworkException.class, failure(second));
    }

    @Test
    void inFlightRequestsAreBoundedPerConnection() throws Exception {
        client(Time.SYSTEM, 2, 1 << 20);
        List<CompletableFuture<MetadataResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            futures.add(client.send(node, metadata(), MetadataResponse.class));
        }
        FakeKafkaServer.Received first = server.take(WAIT);
        FakeKafkaServer.Received second = server.take(WAIT);
        assertNull(server.poll(Duration.ofMillis(300)), "a third request went out with two in flight");
        first.respond(new MetadataResponse().setThrottleTimeMs(1));
        FakeKafkaServer.Received third = server.take(WAIT);
        assertTrue(third.header().correlationId() > second.header().correlationId());
        second.respond(new MetadataResponse().setThrottleTimeMs(2));
        third.respond(new MetadataResponse().setThrottleTimeMs(3));
        server.take(WAIT).respond(new MetadataResponse().setThrottleTimeMs(4));
        for (int i = 0; i < 4; i++) {
            assertEquals(i + 1, futures.get(i).get().throttleTimeMs());
        }
    }

    @Test
    void anUnansweredRequestTimesOutByTheInjectedClock() throws Exception {
        ManualTime time = new ManualTime();
        client(time, 5, 1 << 20);
        CompletableFuture<ApiMessage> response = client.send(node, metadata());
        server.take(WAIT);
        time.advance(4_999);
        client.tick();
        CompletableFuture<ApiMessage> probe = new CompletableFuture<>();
        client.execute(() -> probe.complete(null));
        probe.join();
        assertTrue(!response.isDone(), "not yet due");
        time.advance(1);
        client.tick();
        Throwable error = failure(response);
        assertInstanceOf(TimeoutException.class, error);
        assertInstanceOf(RetriableException.class, error);
        Await.until(WAIT, "the timed-out connection to close", () -> !client.isReady(1));
    }

    @Test
    void codeChainedOnATimeoutMaySendAgainAtOnce() throws Exception {
        ManualTime time = new ManualTime();
        client(time, 1, 1 << 20);
        CompletableFuture<ApiMessage> inFlight = client.send(node, metadata());
        CompletableFuture<ApiMessage> queued = client.send(node, metadata());
        server.take(WAIT);
        CompletableFuture<ApiMessage> retried = new CompletableFuture<>();
        queued.whenComplete((r, e) -> client.send(node, metadata()).whenComplete((r2, e2) -> {
            if (e2 != null) {
                retried.completeExceptionally(e2);
            } else {
                retried.complete(r2);
            }
        }));
        time.advance(5_000);
        client.tick();
        assertInstanceOf(TimeoutException.class, failure(inFlight));
        assertInstanceOf(TimeoutException.class, failure(queued), "the queued request was past its own deadline too");
        time.advance(1_000);
        server.take(WAIT).respond(new MetadataResponse().setClusterId("again"));
        Await.until(WAIT, "the request sent from the callback", retried::isDone);
        assertEquals("again", ((MetadataResponse) retried.get()).clusterId());
    }

    @Test
    void anIdleConnectionIsClosedQuietlyAndReopenedOnDemand() throws Exception {
        ManualTime time = new ManualTime();
        client(time, 5, 1 << 20);
        CompletableFuture<ApiMessage> first = client.send(node, metadata());
        server.take(WAIT).respond(new MetadataResponse());
        first.get();
        time.advance(59_999);
        client.tick();
        assertTrue(client.isReady(1), "not idle long enough");
        time.advance(1);
        client.tick();
        Await.until(WAIT, "the idle connection to close", () -> !client.isReady(1));
        assertEquals(0, client.connectionDelayMs(1, time.milliseconds()), "an idle close costs no backoff");
        CompletableFuture<ApiMessage> second = client.send(node, metadata());
        server.take(WAIT).respond(new MetadataResponse());
        second.get();
        assertEquals(2, server.connectionCount());
    }

    @Test
    void aRequestWithoutResponseCompletesOnWriteAndKeepsTheOrderOfTheRest() throws Exception {
        client(Time.SYSTEM, 1, 1 << 20);
        CompletableFuture<ApiMessage> fireAndForget = client.send(node,
            ClientRequest.of(new io.samsa.protocol.message.ProduceRequest().setAcks((short) 0)).withoutResponse());
        CompletableFuture<MetadataResponse> answered = client.send(node, metadata(), MetadataResponse.class);
        FakeKafkaServer.Received produce = server.take(WAIT);
        assertEquals(ApiMessageType.PRODUCE.apiKey(), produce.header().apiKey());
        assertNull(fireAndForget.get(), "completed without a response");
        FakeKafkaServer.Received request = server.take(WAIT);
        request.respond(new MetadataResponse().setClusterId("after-acks-0"));
        assertEquals("after-acks-0", answered.get().clusterId(), "the unanswered request took no in-flight slot");
    }

    @Test
    void losingTheConnectionFailsInFlightRequestsRetriably() throws Exception {
        client(Time.SYSTEM, 5, 1 << 20);
        CompletableFuture<ApiMessage> response = client.send(node, metadata());
        server.take(WAIT);
        server.dropConnections();
        Throwable error = failure(response);
        assertInstanceOf(NetworkException.class, error);
        assertInstanceOf(RetriableException.class, error);
        // the next request reconnects (after the reconnect backoff)
        CompletableFuture<ApiMessage> again = client.send(node, metadata());
        server.take(WAIT).respond(new MetadataResponse());
        again.get();
        assertEquals(2, server.connectionCount());
    }

    @Test
    void aResponseAboveTheFrameBoundClosesTheConnection() throws Exception {
        // the bound fits the ApiVersions handshake (every API the catalog knows, ~7 bytes each), not the ~2 KB answer
        client(Time.SYSTEM, 5, 1024);
        CompletableFuture<ApiMessage> response = client.send(node, metadata());
        List<MetadataResponse.MetadataResponseTopic> topics = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            topics.add(new MetadataResponse.MetadataResponseTopic().setName("topic-with-a-long-name-" + i));
        }
        server.take(WAIT).respond(new MetadataResponse().setTopics(topics));
        assertInstanceOf(NetworkException.class, failure(response));
    }

    @Test
    void refusedConnectionsBackOffByTheInjectedClock() throws Exception {
        int port = server.port();
        server.close();
        server = new FakeKafkaServer();
        Node dead = new Node(9, "127.0.0.1", port);
        ManualTime time = new ManualTime();
        client(time, 5, 1 << 20);
        assertInstanceOf(NetworkException.class, failure(client.send(dead, metadata())));
        long delayMs = client.connectionDelayMs(9, time.milliseconds());
        assertTrue(delayMs >= 40 && delayMs <= 60, "reconnect.backoff.ms 50 with jitter, was " + delayMs);
        CompletableFuture<ApiMessage> waiting = client.send(dead, metadata());
        assertNull(server.poll(Duration.ofMillis(300)));
        assertTrue(!waiting.isDone(), "no attempt while backing off");
        // the node comes back on the same address; once the clock passes the backoff the request goes out
        FakeKafkaServer revived;
        try {
            revived = new FakeKafkaServer(port);
        } catch (RuntimeException portTaken) {
            return;
        }
        try {
            time.advance(delayMs);
            revived.take(WAIT).respond(new MetadataResponse().setClusterId("back"));
            Await.until(WAIT, "the delayed request", waiting::isDone);
            assertEquals("back", ((MetadataResponse) waiting.get()).clusterId());
        } finally {
            revived.close();
        }
    }

    @Test
    void closeFailsWhatIsPending() throws Exception {
        client(Time.SYSTEM, 5, 1 << 20);
        CompletableFuture<ApiMessage> response = client.send(node, metadata());
        server.take(WAIT);
        client.close();
        assertInstanceOf(NetworkException.class, failure(response));
        assertInstanceOf(NetworkException.class, failure(client.send(node, metadata())));
    }
}
