package io.samsa.broker.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.samsa.broker.Broker;
import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.api.ApiSpec;
import io.samsa.broker.api.ResponseSend;
import io.samsa.broker.api.SharedFileRegion;
import io.samsa.broker.testing.ControlledHandler;
import io.samsa.broker.testing.RequestBytes;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.broker.testing.TestClient;
import io.samsa.broker.testing.TestHandlers;
import io.samsa.protocol.testing.Await;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The network layer over real sockets on 127.0.0.1, with both transports where it matters. */
class BrokerSocketTest {
    private static final ApiSpec CONTROLLED = ApiSpec.of(1, "Controlled", 0, 12, 12);
    private static final ApiSpec ECHO = ApiSpec.of(3, "Echo", 0, 12, 9);

    @ParameterizedTest(name = "native transport enabled: {0}")
    @ValueSource(booleans = {true, false})
    void pipelinedRequestsAreAnsweredInOrderWhenHandlersCompleteOutOfOrder(boolean nativeTransport) throws Exception {
        ControlledHandler handler = new ControlledHandler(CONTROLLED);
        try (Broker broker = TestBrokers.start(Map.of("samsa.network.native.enable", String.valueOf(nativeTransport)), handler);
             TestClient client = TestClient.connect(broker.boundPort())) {
            assertEquals(nativeTransport && io.netty.channel.epoll.Epoll.isAvailable() ? Transport.EPOLL : Transport.NIO,
                    broker.network().transport());
            byte[][] frames = new byte[5][];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = RequestBytes.frame(1, 4, 100 + i, new byte[] {(byte) i});
            }
            client.sendRaw(RequestBytes.concat(frames));
            handler.awaitRequests(5);
            for (int i = frames.length - 1; i >= 0; i--) {
                handler.complete(100 + i, new byte[] {(byte) (10 * i)});
            }
            for (int i = 0; i < frames.length; i++) {
                TestClient.Response response = client.receive(0);
                assertEquals(100 + i, response.correlationId());
                assertArrayEquals(new byte[] {(byte) (10 * i)}, response.body());
            }
        }
    }

    @Test
    void flexibleRequestsGetResponseHeaderV1AndTheBodyIsAViewUntilWritten() throws Exception {
        try (Broker broker = TestBrokers.start(Map.of(), TestHandlers.echo(ECHO));
             TestClient client = TestClient.connect(broker.boundPort())) {
            byte[] body = new byte[70_000];
            Arrays.fill(body, (byte) 7);
            client.sendRaw(RequestBytes.frame(3, 9, 1, "c", 2, body));
            TestClient.Response response = client.receive(1);
            assertEquals(1, response.correlationId());
            assertArrayEquals(body, response.body());
        }
    }

    @Test
    void handlersRunOnIoThreadsNotOnEventLoops() throws Exception {
        CompletableFuture<String> handlerThread = new CompletableFuture<>();
        ApiHandler recording = TestHandlers.of(ECHO, (context, body) -> {
            handlerThread.complete(Thread.currentThread().getName());
            return CompletableFuture.completedFuture(ResponseSend.of(Unpooled.EMPTY_BUFFER));
        });
        try (Broker broker = TestBrokers.start(Map.of(), recording);
             TestClient client = TestClient.connect(broker.boundPort())) {
            client.send(3, 0, 1, new byte[0]);
            assertEquals(0, client.receive(0).body().length);
            String thread = handlerThread.get(10, TimeUnit.SECONDS);
            assertTrue(thread.startsWith("samsa-io"), "handler ran on " + thread);
        }
    }

    @Test
    void unknownApiKeyClosesOnlyThatConnection() throws Exception {
        try (Broker broker = TestBrokers.start(Map.of(), TestHandlers.echo(ECHO));
             TestClient bad = TestClient.connect(broker.boundPort());
             TestClient good = TestClient.connect(broker.boundPort())) {
            bad.send(77, 0, 1, new byte[0]);
            assertTrue(bad.awaitClosedByBroker(), "the connection with the unknown key is closed");

            good.send(3, 0, 2, new byte[] {5});
            assertArrayEquals(new byte[] {5}, good.receive(0).body());
            Await.until(Duration.ofSeconds(5), "no request in flight", () -> broker.network().inFlightRequests() == 0);
        }
    }

    @Test
    void oversizedRequestClosesTheConnectionWithoutReadingTheBody() throws Exception {
        try (Broker broker = TestBrokers.start(Map.of("socket.request.max.bytes", "1024"), TestHandlers.echo(ECHO));
             TestClient big = TestClient.connect(broker.boundPort());
             TestClient good = TestClient.connect(broker.boundPort())) {
            big.sendRaw(ByteBuffer.allocate(4).putInt(1025).array());
            assertTrue(big.awaitClosedByBroker());

            good.send(3, 0, 2, new byte[1000]);
            assertEquals(1000, good.receive(0).body().length);
        }
    }

    @ParameterizedTest(name = "native transport enabled: {0}")
    @ValueSource(booleans = {true, false})
    void fileRegionPartsAreSentBetweenBufferParts(boolean nativeTransport, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("segment.log");
        byte[] content = new byte[200_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        Files.write(file, content);
        try (FileChannel segment = FileChannel.open(file, StandardOpenOption.READ)) {
            ApiHandler fetchLike = TestHandlers.of(ApiSpec.of(1, "FetchLike", 0, 0, 99), (context, body) ->
                    CompletableFuture.completedFuture(ResponseSend.builder()
                            .add(Unpooled.copiedBuffer(new byte[] {1, 2, 3}))
                            .add(new SharedFileRegion(segment, 1000, 150_000))
                            .add(Unpooled.copiedBuffer(new byte[] {4, 5}))
                            .build()));
            try (Broker broker = TestBrokers.start(Map.of("samsa.network.native.enable", String.valueOf(nativeTransport)), fetchLike);
                 TestClient client = TestClient.connect(broker.boundPort())) {
                for (int round = 0; round < 2; round++) {
                    client.send(1, 0, round, new byte[0]);
                    TestClient.Response response = client.receive(0);
                    assertEquals(round, response.correlationId());
                    byte[] expected = RequestBytes.concat(new byte[] {1, 2, 3}, Arrays.copyOfRange(content, 1000, 151_000),
                            new byte[] {4, 5});
                    assertArrayEquals(expected, response.body());
                }
            }
            assertTrue(segment.isOpen(), "releasing a SharedFileRegion leaves the segment's channel open");
        }
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        try (Broker broker = TestBrokers.start(Map.of("connections.max.idle.ms", "200"), TestHandlers.echo(ECHO));
             TestClient client = TestClient.connect(broker.boundPort())) {
            client.send(3, 0, 1, new byte[] {1});
            client.receive(0);
            assertTrue(client.awaitClosedByBroker(), "closed after 200 ms without traffic");
        }
    }
}
