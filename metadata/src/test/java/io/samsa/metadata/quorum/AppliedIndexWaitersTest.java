package io.samsa.metadata.quorum;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class AppliedIndexWaitersTest {
    private final AppliedIndexWaiters waiters = new AppliedIndexWaiters();

    @Test
    void aWaiterCompletesOnceTheAppliedIndexReachesItsIndex() {
        CompletableFuture<Void> atFive = waiters.await(5);
        CompletableFuture<Void> atSeven = waiters.await(7);
        waiters.advance(4);
        assertFalse(atFive.isDone());
        waiters.advance(6);
        assertTrue(atFive.isDone());
        assertFalse(atSeven.isDone());
        waiters.advance(3); // never backwards
        assertTrue(waiters.await(6).isDone(), "an index already applied completes at once");
        waiters.advance(7);
        assertTrue(atSeven.isDone());
    }

    @Test
    void closingFailsEveryWaiterNowAndLater() {
        CompletableFuture<Void> waiting = waiters.await(1);
        IOException closed = new IOException("closed");
        waiters.fail(closed);
        assertSame(closed, assertThrows(CompletionException.class, waiting::join).getCause());
        assertSame(closed, assertThrows(CompletionException.class, () -> waiters.await(0).join()).getCause());
    }
}
