package io.samsa.broker.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.transaction.TransactionMarkers;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The marker channel routes each partition's marker to its leader: this broker's through the local
 * writer, another broker's in one WriteTxnMarkers per broker; it tries a partition again at its
 * new leader after NOT_LEADER_OR_FOLLOWER, an unreachable broker or a missing leader, drops a
 * partition that is gone, tells the coordinator once all are written, and abandons markers a
 * partition refuses as stale.
 */
class MarkerChannelTest {
    private static final int LOCAL = 1;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TopicPartition A0 = new TopicPartition("a", 0);
    private static final TopicPartition A1 = new TopicPartition("a", 1);
    private static final TopicPartition B0 = new TopicPartition("b", 0);
    private static final TopicPartition C0 = new TopicPartition("c", 0);

    private final Map<TopicPartition, Integer> leaders = new ConcurrentHashMap<>();
    private final Map<TopicPartition, List<ErrorCode>> localAnswers = new ConcurrentHashMap<>();
    private final Map<TopicPartition, List<ErrorCode>> remoteAnswers = new ConcurrentHashMap<>();
    private final List<TopicPartition> writtenLocally = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> remoteRequests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final MarkerChannel channel = new MarkerChannel(LOCAL,
            (topic, partition) -> leaders.getOrDefault(new TopicPartition(topic, partition), PartitionLeaders.GONE),
            (partition, markers) -> {
                writtenLocally.add(partition);
                return CompletableFuture.completedFuture(next(localAnswers, partition));
            },
            callbacks -> this::remote);

    private CompletableFuture<Map<TopicPartition, ErrorCode>> remote(int brokerId, TransactionMarkers markers,
                                                                    Collection<TopicPartition> partitions) {
        remoteRequests.add(brokerId + ":" + partitions.stream().map(TopicPartition::toString).sorted().toList());
        Map<TopicPartition, ErrorCode> errors = new HashMap<>();
        partitions.forEach(partition -> errors.put(partition, next(remoteAnswers, partition)));
        return CompletableFuture.completedFuture(errors);
    }

    private static ErrorCode next(Map<TopicPartition, List<ErrorCode>> answers, TopicPartition partition) {
        List<ErrorCode> queued = answers.get(partition);
        return queued == null || queued.isEmpty() ? ErrorCode.NONE : queued.remove(0);
    }

    @AfterEach
    void close() throws InterruptedException {
        channel.close();
    }

    private static TransactionMarkers markers(TopicPartition... partitions) {
        return new TransactionMarkers("txn", 7, (short) 2, true, 3, Set.of(partitions));
    }

    @Test
    void localPartitionsAreWrittenHereAndEachOtherLeaderGetsOneRequest() throws Exception {
        leaders.put(A0, LOCAL);
        leaders.put(A1, 2);
        leaders.put(B0, 2);
        leaders.put(C0, 3);
        CountDownLatch written = new CountDownLatch(1);
        channel.send(markers(A0, A1, B0, C0), written::countDown);
        assertTrue(written.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(A0), writtenLocally);
        assertEquals(Set.of("2:[a-1, b-0]", "3:[c-0]"), Set.copyOf(remoteRequests));
        assertEquals(2, remoteRequests.size());
    }

    @Test
    void aPartitionWhoseLeaderMovedIsTriedAgainAtTheNewLeader() throws Exception {
        leaders.put(A0, 2);
        remoteAnswers.put(A0, new ArrayList<>(List.of(ErrorCode.NOT_LEADER_OR_FOLLOWER)));
        AtomicInteger attempts = new AtomicInteger();
        remoteAnswers.put(B0, new ArrayList<>(List.of(ErrorCode.NETWORK_EXCEPTION, ErrorCode.NETWORK_EXCEPTION)));
        leaders.put(B0, 3);
        CountDownLatch written = new CountDownLatch(1);
        channel.send(markers(A0, B0), () -> {
            attempts.incrementAndGet();
            written.countDown();
        });
        Await.until(WAIT, "the first answer", () -> remoteRequests.contains("2:[a-0]"));
        leaders.put(A0, LOCAL); // the leader moved here
        assertTrue(written.await(10, TimeUnit.SECONDS));
        assertTrue(writtenLocally.contains(A0), "written at the new leader");
        assertEquals(3, remoteRequests.stream().filter("3:[b-0]"::equals).count(), "two lost answers, then written");
        assertEquals(1, attempts.get(), "the coordinator is told once");
    }

    @Test
    void aPartitionWithoutALeaderWaitsForOne() throws Exception {
        leaders.put(A0, PartitionLeaders.NO_LEADER);
        CountDownLatch written = new CountDownLatch(1);
        channel.send(markers(A0), written::countDown);
        assertFalse(written.await(300, TimeUnit.MILLISECONDS), "nowhere to write yet");
        leaders.put(A0, 2);
        assertTrue(written.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("2:[a-0]"), remoteRequests);
    }

    @Test
    void aPartitionThatIsGoneIsDropped() throws Exception {
        leaders.put(A0, LOCAL);
        leaders.put(B0, 2);
        remoteAnswers.put(B0, new ArrayList<>(List.of(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)));
        CountDownLatch written = new CountDownLatch(1);
        channel.send(markers(A0, B0, C0), written::countDown); // c-0 has no entry: gone from the metadata
        assertTrue(written.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(A0), writtenLocally);
        assertEquals(List.of("2:[b-0]"), remoteRequests);
    }

    @Test
    void markersRefusedAsStaleAreAbandonedWithoutTellingTheCoordinator() throws Exception {
        leaders.put(A0, LOCAL);
        leaders.put(B0, 2);
        remoteAnswers.put(B0, new ArrayList<>(List.of(ErrorCode.TRANSACTION_COORDINATOR_FENCED)));
        CountDownLatch written = new CountDownLatch(1);
        channel.send(markers(A0, B0), written::countDown);
        Await.until(WAIT, "both partitions tried", () -> remoteRequests.size() == 1 && writtenLocally.size() == 1);
        assertFalse(written.await(500, TimeUnit.MILLISECONDS), "a newer coordinator owns the transaction");
        assertEquals(1, remoteRequests.size(), "not tried again");
    }
}
