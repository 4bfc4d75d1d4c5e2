package io.samsa.broker.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.api.ApiSpec;
import io.samsa.broker.api.RequestContext;
import io.samsa.broker.api.ResponseSend;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** API handlers for framework tests; none implements a real Kafka API. */
public final class TestHandlers {
    private TestHandlers() {
    }

    /** The body of a test handler: {@link ApiHandler#handle} as a lambda. */
    @FunctionalInterface
    public interface HandleFunction {
        CompletableFuture<ResponseSend> handle(RequestContext context, ByteBuf body);
    }

    /** @return a handler for {@code spec} that runs {@code function} */
    public static ApiHandler of(ApiSpec spec, HandleFunction function) {
        return new ApiHandler() {
            @Override
            public ApiSpec spec() {
                return spec;
            }

            @Override
            public CompletableFuture<ResponseSend> handle(RequestContext context, ByteBuf body) {
                return function.handle(context, body);
            }
        };
    }

    /** Answers with the request body itself: a retained slice, so no copy and ownership is exercised. */
    public static ApiHandler echo(ApiSpec spec) {
        return of(spec, (context, body) -> CompletableFuture.completedFuture(ResponseSend.of(body.retainedSlice())));
    }

    /** Throws from {@code handle}, as a handler with a bug would. */
    public static ApiHandler throwing(ApiSpec spec) {
        return of(spec, (context, body) -> {
            throw new IllegalStateException("deliberate handler failure");
        });
    }

    /** Answers every request with the same {@code responseBytes}-byte body and counts calls. */
    public static final class FixedSize implements ApiHandler {
        private final ApiSpec spec;
        private final ByteBuf shared;
        private final AtomicInteger calls = new AtomicInteger();

        /** @param responseBytes body size of every response */
        public FixedSize(ApiSpec spec, int responseBytes) {
            this.spec = spec;
            this.shared = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(new byte[responseBytes]));
        }

        @Override
        public ApiSpec spec() {
            return spec;
        }

        @Override
        public CompletableFuture<ResponseSend> handle(RequestContext context, ByteBuf body) {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(ResponseSend.of(shared.duplicate()));
        }

        /** @return how many requests reached the handler */
        public int calls() {
            return calls.get();
        }
    }
}
