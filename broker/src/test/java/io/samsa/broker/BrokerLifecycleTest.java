package io.samsa.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.api.ApiSpec;
import io.samsa.broker.config.Endpoint;
import io.samsa.broker.testing.ControlledHandler;
import io.samsa.broker.testing.RecordingComponent;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.broker.testing.TestClient;
import io.samsa.broker.testing.TestHandlers;
import io.samsa.protocol.testing.Await;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BrokerLifecycleTest {
    private static final ApiSpec SPEC = ApiSpec.of(1, "Controlled", 0, 12, 12);

    @Test
    void startsOnAnEphemeralPortAndStopsAccepting() throws Exception {
        Broker broker = TestBrokers.start(Map.of());
        int port = broker.boundPort();
        assertTrue(port > 0);
        assertEquals(List.of(new Endpoint("PLAINTEXT", "127.0.0.1", port)), broker.advertisedEndpoints());
        try (Socket socket = new Socket("127.0.0.1", port)) {
            assertTrue(socket.isConnected());
        }
        broker.close();
        broker.close(); // idempotent
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void componentsStartBeforeTheNetworkAndCloseAfterIt() throws Exception {
        List<String> events = new ArrayList<>();
        Broker broker = Broker.builder(TestBrokers.config(Map.of()))
                .component(new RecordingComponent("storage", events, false, false))
                .component(new RecordingComponent("coordinator", events, false, false))
                .build();
        broker.start();
        events.add("bound " + (broker.boundPort() > 0));
        broker.close();
        assertEquals(List.of("start storage", "start coordinator", "bound true", "close coordinator", "close storage"), events);
    }

    @Test
    void failedComponentStartLeavesNothingRunning() throws Exception {
        List<String> events = new ArrayList<>();
        Broker broker = Broker.builder(TestBrokers.config(Map.of()))
                .component(new RecordingComponent("storage", events, false, false))
                .component(new RecordingComponent("coordinator", events, true, false))
                .build();
        assertThrows(IllegalStateException.class, broker::start);
        assertEquals(List.of("start storage", "start coordinator", "close storage"), events);
        broker.close();
    }

    @Test
    void portInUseFailsTheStartCleanly() throws Exception {
        try (Broker first = TestBrokers.start(Map.of())) {
            Broker second = Broker.builder(TestBrokers.config(Map.of("listeners", "PLAINTEXT://127.0.0.1:" + first.boundPort())))
                    .build();
            assertThrows(IOException.class, second::start);
            second.close();
        }
    }

    @Test
    void closeFinishesRequestsInFlightBeforeClosingConnections() throws Exception {
        ControlledHandler handler = new ControlledHandler(SPEC);
        Broker broker = TestBrokers.start(Map.of(), handler);
        int port = broker.boundPort();
        try (TestClient client = TestClient.connect(port)) {
            client.send(1, 0, 42, new byte[0]);
            handler.awaitRequests(1);

            CompletableFuture<Void> closing = CompletableFuture.runAsync(broker::close);
            Await.until(Duration.ofSeconds(5), "the broker to stop accepting", () -> refusesConnections(port));
            assertEquals(1, broker.network().inFlightRequests(), "close is waiting for the request");

            handler.complete(42, new byte[] {4, 2});
            TestClient.Response response = client.receive(0);
            assertEquals(42, response.correlationId());
            assertArrayEquals(new byte[] {4, 2}, response.body());
            closing.get(10, TimeUnit.SECONDS);
            assertTrue(client.awaitClosedByBroker());
        }
    }

    @Test
    void closeWaitsForAnsweredResponsesToLeaveTheSocket() throws Exception {
        int responseBytes = 4 * 1024 * 1024;
        TestHandlers.FixedSize handler = new TestHandlers.FixedSize(SPEC, responseBytes);
        Broker broker = TestBrokers.start(Map.of("socket.send.buffer.bytes", "65536"), handler);
        int port = broker.boundPort();
        try (TestClient client = TestClient.connect(port, 65_536)) {
            client.send(1, 0, 9, new byte[0]);
            Await.until(Duration.ofSeconds(5), "the response to be written",
                    () -> handler.calls() == 1 && broker.network().inFlightRequests() == 0);

            CompletableFuture<Void> closing = CompletableFuture.runAsync(broker::close);
            Await.until(Duration.ofSeconds(5), "the broker to stop accepting", () -> refusesConnections(port));
            TestClient.Response response;
            try {
                response = client.receive(0);
            } catch (java.net.SocketTimeoutException e) {
                Thread.getAllStackTraces().forEach((t, st) -> { System.out.println("THREAD " + t.getName() + " " + t.getState()); for (StackTraceElement el : st) System.out.println("   " + el); });
                System.out.println("stats " + broker.network().connectionStats());
                throw e;
            }
            assertEquals(9, response.correlationId());
            assertEquals(responseBytes, response.body().length);
            closing.get(10, TimeUnit.SECONDS);
        }
    }

    /** Races close against connections still being accepted; a lost race used to leak the connection. */
    @Test
    void connectionsArrivingAsCloseBeginsAreClosedNotLeaked() throws Exception {
        for (int round = 0; round < 10; round++) {
            Broker broker = TestBrokers.start(Map.of(), TestHandlers.echo(SPEC));
            try (TestClient client = TestClient.connect(broker.boundPort())) {
                client.send(1, 0, 1, new byte[0]);
                broker.close();
                assertTrue(answeredThenClosed(client), "round " + round + ": the connection was left open");
            }
        }
    }

    /** @return true when the broker answered and closed, or closed, before the client's read timeout */
    private static boolean answeredThenClosed(TestClient client) throws IOException {
        try {
            client.receive(0);
            return client.awaitClosedByBroker();
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // EOF or reset: closed
        }
    }

    @Test
    void closeGivesUpOnRequestsAfterTheShutdownTimeout() throws Exception {
        ControlledHandler handler = new ControlledHandler(SPEC);
        Broker broker = TestBrokers.start(Map.of("samsa.shutdown.timeout.ms", "100"), handler);
        try (TestClient client = TestClient.connect(broker.boundPort())) {
            client.send(1, 0, 7, new byte[0]);
            handler.awaitRequests(1);
            long startNs = System.nanoTime();
            broker.close();
            assertTrue(System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(8), "bounded shutdown");
            assertTrue(client.awaitClosedByBroker());
        } finally {
            handler.complete(7, new byte[] {1}); // late: the dispatcher releases it (the leak guard checks)
        }
    }

    private static boolean refusesConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
