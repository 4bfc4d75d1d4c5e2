package io.samsa.broker.interbroker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.Broker;
import io.samsa.broker.BrokerAssembly;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.protocol.message.ApiVersionsRequest;
import io.samsa.protocol.message.ApiVersionsResponse;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.Time;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inter-broker client against a real broker (pipelined requests, each answer to its request)
 * and against peers that fail: an unknown broker, a refused connection, a peer that accepts and
 * never answers (the request times out, the connection is replaced by the next request).
 */
class InterBrokerClientTest {
    private static final short API_VERSIONS_VERSION = 3;
    private static final int BROKER = 1;
    private static final int SILENT = 2;
    private static final int REFUSING = 3;

    @TempDir
    static Path dataDir;
    private static Broker broker;
    private static ServerSocket silent;
    private static int refusingPort;
    private static final List<Socket> accepted = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        broker = BrokerAssembly.build(TestBrokers.config(Map.of("log.dirs", dataDir.toString())), Time.SYSTEM).start();
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(silent.accept());
                }
            } catch (IOException e) {
                // closed
            }
        }, "silent-peer");
        acceptor.setDaemon(true);
        acceptor.start();
        try (ServerSocket closedAgain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            refusingPort = closedAgain.getLocalPort();
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (broker != null) {
            broker.close();
        }
        if (silent != null) {
            silent.close();
        }
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    private static InterBrokerClient client(long requestTimeoutMs) {
        return new InterBrokerClient(id -> switch (id) {
            case BROKER -> Optional.of(new InetSocketAddress("127.0.0.1", broker.boundPort()));
            case SILENT -> Optional.of(new InetSocketAddress("127.0.0.1", silent.getLocalPort()));
            case REFUSING -> Optional.of(new InetSocketAddress("127.0.0.1", refusingPort));
            default -> Optional.empty();
        }, new InterBrokerSettings("broker-0", requestTimeoutMs, 2_000, 1 << 20));
    }

    private static ApiVersionsRequest apiVersions(String software) {
        return new ApiVersionsRequest().setClientSoftwareName(software).setClientSoftwareVersion("1");
    }

    private static Throwable failure(CompletableFuture<?> answer) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> answer.get(10, TimeUnit.SECONDS));
        return failed.getCause();
    }

    @Test
    void pipelinedRequestsToABrokerAreEachAnswered() throws Exception {
        InterBrokerClient client = client(10_000);
        try {
            List<CompletableFuture<?>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(client.send(BROKER, apiVersions("peer-" + i), API_VERSIONS_VERSION));
            }
            for (CompletableFuture<?> answer : answers) {
                ApiVersionsResponse response = (ApiVersionsResponse) answer.get(10, TimeUnit.SECONDS);
                assertEquals(0, response.errorCode());
                assertTrue(response.apiKeys().size() > 10, "the broker's API versions");
            }
        } finally {
            client.close();
        }
    }

    @Test
    void aBrokerWithoutAnAddressOrRefusingConnectionsIsUnreachable() throws Exception {
        InterBrokerClient client = client(10_000);
        try {
            assertInstanceOf(PeerUnreachableException.class, failure(client.send(99, apiVersions("x"), API_VERSIONS_VERSION)));
            assertInstanceOf(PeerUnreachableException.class, failure(client.send(REFUSING, apiVersions("x"), API_VERSIONS_VERSION)));
            // the refused connection is not kept: the next request tries again (and fails again)
            assertInstanceOf(PeerUnreachableException.class, failure(client.send(REFUSING, apiVersions("x"), API_VERSIONS_VERSION)));
        } finally {
            client.close();
        }
    }

    @Test
    void anUnansweredRequestTimesOutAndTheNextOneOpensANewConnection() throws Exception {
        InterBrokerClient client = client(300);
        try {
            int before = accepted.size();
            Throwable timedOut = failure(client.send(SILENT, apiVersions("x"), API_VERSIONS_VERSION));
            assertInstanceOf(PeerUnreachableException.class, timedOut);
            assertTrue(timedOut.getMessage().contains("did not answer within 300 ms"), timedOut.getMessage());
            assertInstanceOf(PeerUnreachableException.class, failure(client.send(SILENT, apiVersions("x"), API_VERSIONS_VERSION)));
            Await.until(Duration.ofSeconds(10), "a second connection", () -> accepted.size() - before == 2);
        } finally {
            client.close();
        }
    }

    @Test
    void aClosedClientRefusesRequests() throws Exception {
        InterBrokerClient client = client(10_000);
        client.send(BROKER, apiVersions("x"), API_VERSIONS_VERSION).get(10, TimeUnit.SECONDS);
        client.close();
        assertInstanceOf(PeerUnreachableException.class, failure(client.send(BROKER, apiVersions("x"), API_VERSIONS_VERSION)));
    }
}
