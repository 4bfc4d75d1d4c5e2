package io.samsa.broker.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.api.ApiSpec;
import io.samsa.broker.api.RequestContext;
import io.samsa.broker.api.ResponseSend;
import io.samsa.broker.network.DispatcherHarness.Response;
import io.samsa.broker.testing.ControlledHandler;
import io.samsa.broker.testing.RequestBytes;
import io.samsa.broker.testing.TestHandlers;
import io.samsa.protocol.ProtocolDecodeException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RequestDispatcherTest {
    private static final ApiSpec SPEC = ApiSpec.of(1, "Test", 0, 5, 3);
    private final ControlledHandler handler = new ControlledHandler(SPEC);

    @Test
    void answersInRequestOrderWhenHandlersCompleteOutOfOrder() {
        try (DispatcherHarness h = new DispatcherHarness(100, handler)) {
            h.send(RequestBytes.concat(RequestBytes.frame(1, 1, 11, new byte[] {1}), RequestBytes.frame(1, 1, 12, new byte[] {2}),
                    RequestBytes.frame(1, 1, 13, new byte[] {3})));
            assertEquals(3, h.runHandlers());

            handler.complete(13, new byte[] {30});
            handler.complete(12, new byte[] {20});
            h.runEventLoop();
            assertEquals(0, h.drainOutbound().length, "nothing leaves before the first request's response");
            assertEquals(3, h.inFlight.count());

            handler.complete(11, new byte[] {10});
            h.runEventLoop();
            List<Response> responses = DispatcherHarness.parseResponses(h.drainOutbound(), 0);
            assertEquals(List.of(11, 12, 13), responses.stream().map(Response::correlationId).toList());
            assertArrayEquals(new byte[] {10}, responses.get(0).body());
            assertArrayEquals(new byte[] {30}, responses.get(2).body());
            assertEquals(0, h.inFlight.count());
            assertTrue(h.channel.isActive());
        }
    }

    @Test
    void noResponseIsSkippedWithoutBreakingOrder() {
        try (DispatcherHarness h = new DispatcherHarness(100, handler)) {
            h.send(RequestBytes.concat(RequestBytes.frame(1, 1, 1, new byte[0]), RequestBytes.frame(1, 1, 2, new byte[0])));
            h.runHandlers();
            handler.complete(2, new byte[] {2});
            handler.completeWithNone(1);
            h.runEventLoop();

            List<Response> responses = DispatcherHarness.parseResponses(h.drainOutbound(), 0);
            assertEquals(List.of(2), responses.stream().map(Response::correlationId).toList());
            assertEquals(0, h.inFlight.count());
        }
    }

    @Test
    void flexibleVersionDecodesHeaderV2AndWritesResponseHeaderV1() {
        try (DispatcherHarness h = new DispatcherHarness(100, handler)) {
            h.time.advance(5);
            h.send(RequestBytes.frame(1, 3, 7, "my-client", 2, new byte[] {4, 5, 6}));
            h.runHandlers();

            RequestContext context = handler.context(7);
            assertEquals("my-client", context.header().clientId());
            assertEquals(3, context.apiVersion());
            assertEquals("PLAINTEXT", context.listenerName());
            assertEquals(h.time.nanoseconds(), context.receivedNs());
            assertArrayEquals(new byte[] {4, 5, 6}, handler.body(7),
                    "the handler's body starts after the header's tagged fields, so header v2 was decoded");

            handler.complete(7, new byte[] {9});
            h.runEventLoop();
            List<Response> responses = DispatcherHarness.parseResponses(h.drainOutbound(), 1);
            assertEquals(7, responses.get(0).correlationId());
            assertArrayEquals(new byte[] {9}, responses.get(0).body());
        }
    }

    @Test
    void unknownApiKeyClosesTheConnectionAfterEarlierResponses() {
        try (DispatcherHarness h = new DispatcherHarness(100, handler)) {
            h.send(RequestBytes.concat(RequestBytes.frame(1, 1, 1, new byte[0]), RequestBytes.frame(999, 0, 2, new byte[0]),
                    RequestBytes.frame(1, 1, 3, new byte[0])));
            assertEquals(1, h.runHandlers(), "the request after the bad one is not dispatched");
            assertTrue(h.channel.isActive(), "still open: the earlier response is owed");
            assertFalse(h.channel.config().isAutoRead(), "no more reading after a bad request");

            handler.complete(1, new byte[] {1});
            h.runEventLoop();
            List<Response> responses = DispatcherHarness.parseResponses(h.drainOutbound(), 0);
            assertEquals(List.of(1), responses.stream().map(Response::correlationId).toList());
            assertFalse(h.channel.isActive());
            assertEquals(0, h.inFlight.count());
        }
    }

    @Test
    void unsupportedVersionClosesTheConnection() {
        try (DispatcherHarness h = new DispatcherHarness(100, handler)) {
            h.send(RequestBytes.frame(1, 6, 1, new byte[0]));
            assertEquals(0, h.runHandlers());
            assertFalse(h.channel.isActive());
            assertEquals(0, h.drainOutbound().length);
        }
    }

    @Test
    void handlerMayOptInToUnsupportedVersions() {
        ApiHandler versionsLike = new ApiHandler() {
            @Override
            public ApiSpec spec() {
                return ApiSpec.of(18, "ApiVersionsLike", 0, 4, 3);
            }

            @Override
            public boolean acceptsUnsupportedVersion(short apiVersion) {
                return true;
            }

            @Override
            public short responseHeaderVersion(short apiVersion) {
                return 0;
            }

            @Override
            public CompletableFuture<ResponseSend> handle(RequestContext context, ByteBuf body) {
                ByteBuf out = Unpooled.buffer(2).writeShort(context.apiVersion());
                return CompletableFuture.completedFuture(ResponseSend.of(out));
            }
        };
        try (DispatcherHarness h = new DispatcherHarness(100, versionsLike)) {
            h.send(RequestBytes.frame(18, 9, 5, "c", 2, new byte[0]));
            h.runHandlers();
            h.runEventLoop();
            List<Response> responses = DispatcherHarness.parseResponses(h.drainOutbound(), 0);
            assertEquals(5, responses.get(0).correlationId());
            assertEquals(9, ByteBuffer.wrap(responses.get(0).body()).getShort());
            assertTrue(h.channel.isActive());
        }
    }

    @Test
    void malformedHeaderClosesTheConnection() {
        byte[] frame = ByteBuffer.allocate(4 + 12).putInt(12).putShort((short) 1).putShort((short) 1).putInt(1)
                .putShort((short) 50).putShort((short) 0).array(); // client_id says 50 bytes, 2 follow
        try (DispatcherHarness h = new DispatcherHarness(100, handler)) {
            h.send(frame);
            assertEquals(0, h.runHandlers());
            assertFalse(h.channel.isActive());
        }
    }

    @Test
    void failedOrThrowingHandlerClosesTheConnection() {
        ApiHandler throwing = TestHandlers.throwing(ApiSpec.of(2, "Throwing", 0, 0, 99));
        try (DispatcherHarness h = new DispatcherHarness(100, handler, throwing)) {
            h.send(RequestBytes.frame(2, 0, 1, new byte[0]));
            h.runHandlers();
            h.runEventLoop();
            assertFalse(h.channel.isActive());
            assertEquals(0, h.inFlight.count());
        }
        try (DispatcherHarness h = new DispatcherHarness(100, handler)) {
            h.send(RequestBytes.frame(1, 0, 1, new byte[0]));
            h.runHandlers();
            handler.fail(1, new ProtocolDecodeException("body is garbage"));
            h.runEventLoop();
            assertFalse(h.channel.isActive());
            assertEquals(0, h.drainOutbound().length);
        }
    }

    @Test
    void inFlightCapPausesReadingAndParksFramesAlreadyRead() {
        try (DispatcherHarness h = new DispatcherHarness(2, handler)) {
            h.send(RequestBytes.frame(1, 0, 1, new byte[0]));
            assertTrue(h.stats().autoRead());
            h.send(RequestBytes.concat(RequestBytes.frame(1, 0, 2, new byte[0]), RequestBytes.frame(1, 0, 3, new byte[0]),
                    RequestBytes.frame(1, 0, 4, new byte[0])));
            assertFalse(h.stats().autoRead(), "two unanswered requests reach the cap");
            assertEquals(2, h.stats().inFlightRequests());
            assertEquals(2, h.stats().parkedRequests(), "frames from the same read wait, undispatched");
            assertEquals(1, h.stats().readPauses());
            assertEquals(2, h.runHandlers());

            handler.complete(1, new byte[0]);
            h.runEventLoop();
            assertEquals(1, h.runHandlers(), "a freed slot dispatches the oldest parked frame");
            assertEquals(1, h.stats().parkedRequests());
            assertFalse(h.stats().autoRead(), "still at the cap");

            handler.complete(2, new byte[0]);
            handler.complete(3, new byte[0]);
            h.runEventLoop();
            assertEquals(1, h.runHandlers());
            assertEquals(0, h.stats().parkedRequests());
            assertTrue(h.stats().autoRead(), "reading resumes once below the cap with nothing parked");
            handler.complete(4, new byte[0]);
            h.runEventLoop();
            List<Response> responses = DispatcherHarness.parseResponses(h.drainOutbound(), 0);
            assertEquals(List.of(1, 2, 3, 4), responses.stream().map(Response::correlationId).toList());
        }
    }

    @Test
    void parkedFramesAreReleasedWhenTheConnectionCloses() {
        try (DispatcherHarness h = new DispatcherHarness(1, handler)) {
            h.send(RequestBytes.concat(RequestBytes.frame(1, 0, 1, new byte[0]), RequestBytes.frame(1, 0, 2, new byte[64])));
            assertEquals(1, h.stats().parkedRequests());
            h.runHandlers();
            h.channel.close();
            handler.complete(1, new byte[0]);
            h.runEventLoop();
            assertEquals(0, h.runHandlers(), "the parked request is dropped, not dispatched");
            assertEquals(0, h.inFlight.count());
        }
    }

    @Test
    void responseMadeOfBuffersIsPrefixedWithItsTotalSize() {
        try (DispatcherHarness h = new DispatcherHarness(100, TestHandlers.echo(ApiSpec.of(4, "Echo", 0, 0, 99)))) {
            byte[] body = new byte[300];
            body[0] = 1;
            body[299] = 2;
            h.send(RequestBytes.frame(4, 0, 77, body));
            h.runHandlers();
            h.runEventLoop();
            List<Response> responses = DispatcherHarness.parseResponses(h.drainOutbound(), 0);
            assertEquals(77, responses.get(0).correlationId());
            assertArrayEquals(body, responses.get(0).body());
        }
    }

    @Test
    void responseCompletedAfterCloseIsReleased() {
        try (DispatcherHarness h = new DispatcherHarness(100, handler)) {
            h.send(RequestBytes.frame(1, 0, 1, new byte[0]));
            h.runHandlers();
            h.channel.close();
            ByteBuf late = Unpooled.directBuffer(16).writeLong(1);
            handler.complete(1, ResponseSend.of(late));
            h.runEventLoop();
            assertEquals(0, late.refCnt(), "the dispatcher released the orphaned response");
            assertEquals(0, h.inFlight.count());
        }
    }
}
