package io.samsa.broker.data.produce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.util.ManualTime;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class QuorumProducerIdAllocatorTest {
    private static final long BACKOFF_MS = 100;

    /** A controller whose answers the test gives, in request order. */
    private static final class ScriptedController implements ProducerIdBlockSource {
        final ArrayDeque<CompletableFuture<Block>> requests = new ArrayDeque<>();

        @Override
        public CompletableFuture<Block> requestBlock() {
            CompletableFuture<Block> answer = new CompletableFuture<>();
            requests.addLast(answer);
            return answer;
        }

        void answer(long firstId, int size) {
            requests.pollFirst().complete(new Block(firstId, size));
        }
    }

    private final ManualTime time = new ManualTime();
    private final ScriptedController controller = new ScriptedController();
    private final QuorumProducerIdAllocator allocator = new QuorumProducerIdAllocator(controller, time, BACKOFF_MS);

    @Test
    void noIdBeforeTheFirstBlockThenIdsFromIt() {
        allocator.start();
        assertEquals(1, controller.requests.size(), "the first block is asked for at start");
        assertEquals(ProducerIdSource.NONE, allocator.nextId(), "answered at once, not waited for");
        assertEquals(1, controller.requests.size(), "one request at a time");
        controller.answer(1000, 10);
        assertEquals(1000, allocator.nextId());
        assertEquals(1001, allocator.nextId());
    }

    @Test
    void theNextBlockIsAskedForAtNinetyPercentAndTakenOverWithoutAGap() {
        allocator.start();
        controller.answer(0, 10);
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            ids.add(allocator.nextId());
        }
        assertTrue(controller.requests.isEmpty(), "8 of 10 used: not yet");
        ids.add(allocator.nextId());
        assertEquals(1, controller.requests.size(), "the 9th id (90%) asks for the next block");
        controller.answer(500, 10);
        ids.add(allocator.nextId());
        assertEquals(500, allocator.nextId(), "the prefetched block follows the used-up one");
        ids.add(500L);
        assertEquals(11, ids.size());
        assertTrue(controller.requests.isEmpty());
    }

    @Test
    void aFailedRequestIsRepeatedOnlyAfterTheBackoff() {
        allocator.start();
        controller.requests.pollFirst().completeExceptionally(new IllegalStateException("no controller"));
        assertEquals(ProducerIdSource.NONE, allocator.nextId());
        assertTrue(controller.requests.isEmpty(), "within the backoff");
        time.advance(BACKOFF_MS);
        assertEquals(ProducerIdSource.NONE, allocator.nextId());
        assertEquals(1, controller.requests.size(), "asked again after the backoff");
        controller.answer(42, 1);
        assertEquals(42, allocator.nextId());
        assertEquals(1, controller.requests.size(), "a one-id block is used up at once: the next is on its way");
        assertEquals(ProducerIdSource.NONE, allocator.nextId());
    }
}
