package io.samsa.broker.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.Broker;
import io.samsa.broker.api.ApiSpec;
import io.samsa.broker.testing.RequestBytes;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.broker.testing.TestClient;
import io.samsa.broker.testing.TestHandlers;
import io.samsa.protocol.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client that pipelines many requests and does not read the responses: the broker must stop
 * reading (so the client's socket fills) instead of buffering every response.
 */
class BackpressureTest {
    private static final int REQUESTS = 1000;
    private static final int RESPONSE_BYTES = 32 * 1024;
    private static final int HIGH_WATER_MARK_BYTES = 64 * 1024;
    private static final int MAX_IN_FLIGHT = 16;

    @Test
    void nonReadingClientPausesReadingAndBrokerBuffersStayBounded() throws Exception {
        TestHandlers.FixedSize handler = new TestHandlers.FixedSize(ApiSpec.of(1, "Big", 0, 0, 99), RESPONSE_BYTES);
        Map<String, String> config = Map.of(
                "queued.max.requests", String.valueOf(MAX_IN_FLIGHT),
                "samsa.socket.write.buffer.high.water.mark.bytes", String.valueOf(HIGH_WATER_MARK_BYTES),
                "samsa.socket.write.buffer.low.water.mark.bytes", String.valueOf(HIGH_WATER_MARK_BYTES / 2),
                "socket.send.buffer.bytes", "65536");
        try (Broker broker = TestBrokers.start(config, handler);
             TestClient client = TestClient.connect(broker.boundPort(), 65_536)) {
            byte[][] frames = new byte[REQUESTS][];
            for (int i = 0; i < REQUESTS; i++) {
                frames[i] = RequestBytes.frame(1, 0, i, new byte[0]);
            }
            client.sendRaw(RequestBytes.concat(frames)); // about 22 KB: fits the socket buffers, so this returns

            Await.until(Duration.ofSeconds(10), "the connection to stop reading because it cannot write", () -> {
                List<ConnectionStats> stats = broker.network().connectionStats();
                return stats.size() == 1 && !stats.get(0).autoRead() && !stats.get(0).writable();
            });
            ConnectionStats paused = broker.network().connectionStats().get(0);
            int calls = handler.calls();
            assertTrue(calls < REQUESTS / 4, "the broker stopped taking requests early, took " + calls);
            assertTrue(paused.inFlightRequests() <= MAX_IN_FLIGHT, "in flight " + paused.inFlightRequests());
            long boundBytes = HIGH_WATER_MARK_BYTES + (long) MAX_IN_FLIGHT * (RESPONSE_BYTES + 8);
            assertTrue(paused.pendingOutboundBytes() <= boundBytes, "unsent bytes bounded by the high-water mark plus"
                    + " the in-flight responses: " + paused.pendingOutboundBytes() + " > " + boundBytes);
            assertTrue(paused.readPauses() >= 1);
            System.out.printf("paused after %d of %d requests: %d in flight, %d parked, %d unsent bytes%n", calls, REQUESTS,
                    paused.inFlightRequests(), paused.parkedRequests(), paused.pendingOutboundBytes());

            for (int i = 0; i < REQUESTS; i++) {
                TestClient.Response response = client.receive(0);
                assertEquals(i, response.correlationId(), "responses in request order after resuming");
                assertEquals(RESPONSE_BYTES, response.body().length);
            }
            assertEquals(REQUESTS, handler.calls(), "every request was eventually handled once");
            Await.until(Duration.ofSeconds(5), "reading to resume", () -> broker.network().connectionStats().get(0).autoRead());
        }
    }
}
