package io.samsa.broker.replication;

import static io.samsa.broker.replication.ReplicaCluster.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.broker.data.RawClient;
import io.samsa.broker.data.RawRequests;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.InitProducerIdRequest;
import io.samsa.protocol.message.InitProducerIdResponse;
import io.samsa.protocol.message.ProduceRequest;
import io.samsa.protocol.message.ProduceResponse;
import io.samsa.protocol.record.CompressionType;
import io.samsa.storage.TopicPartition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idempotent producer state on a new leader: follower appends bypass the produce path, so the
 * broker that takes over rebuilds the partition's producer state from its replicated log. A batch
 * retried after the failover is recognised as a duplicate (answered with its original offset, not
 * stored again) and the producer's sequence continues where it was.
 */
class IdempotentFailoverTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = "idempotent";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final int PRODUCE_VERSION = 9;

    @TempDir
    Path dir;

    private static PartitionRole role(int epoch, int leader) {
        return new PartitionRole(epoch, leader, List.of(1, 2, 3), List.of(1, 2, 3), epoch);
    }

    private static ProduceResponse.PartitionProduceResponse send(RawClient client, ProduceRequest request) throws Exception {
        ProduceResponse response = client.call(request, PRODUCE_VERSION);
        return response.responses().get(0).partitionResponses().get(0);
    }

    private static ProduceRequest batch(long producerId, int baseSequence, int count) {
        return RawRequests.produce(TOPIC, 0, (short) -1,
                RawRequests.batch(CompressionType.NONE, count, 10, producerId, (short) 0, baseSequence));
    }

    /**
     * Broker 2 leads first (so it caches the producer's state), then broker 1 takes batches that
     * reach broker 2 only as a follower, then broker 2 leads again: its cached state is stale and
     * must be rebuilt from the log.
     */
    @Test
    void aBatchRetriedOnTheNewLeaderIsADuplicateAndSequencesContinue() throws Exception {
        try (ReplicaCluster cluster = new ReplicaCluster(dir, Map.of()).start(3)) {
            cluster.createTopic(TOPIC, 1, Map.of());
            cluster.assign(TP, role(1, 2), 1, 2, 3);
            long producerId;
            ProduceRequest first;
            try (RawClient two = new RawClient(cluster.broker(2).boundPort())) {
                InitProducerIdResponse init = two.call(new InitProducerIdRequest().setTransactionalId(null)
                        .setTransactionTimeoutMs(-1).setProducerId(-1).setProducerEpoch((short) -1), 4);
                assertEquals(ErrorCode.NONE.code(), init.errorCode());
                producerId = init.producerId();
                first = batch(producerId, 0, 3);
                assertEquals(0, send(two, first).baseOffset());
            }
            await(() -> cluster.log(1, TP).highWatermark() == 3, WAIT, "broker 1 to replicate the first batch");

            cluster.assign(TP, role(2, 1), 1, 2, 3);
            try (RawClient one = new RawClient(cluster.broker(1).boundPort())) {
                assertEquals(3, send(one, batch(producerId, 3, 2)).baseOffset());
            }
            await(() -> cluster.log(2, TP).highWatermark() == 5 && cluster.log(3, TP).highWatermark() == 5, WAIT,
                    "the followers to replicate the second batch");

            cluster.assign(TP, role(3, 2), 2, 3, 1);
            try (RawClient two = new RawClient(cluster.broker(2).boundPort())) {
                ProduceResponse.PartitionProduceResponse retried = send(two, batch(producerId, 3, 2));
                assertEquals(ErrorCode.NONE.code(), retried.errorCode(), retried.errorMessage());
                assertEquals(3, retried.baseOffset(), "the duplicate gets its original offset");
                assertEquals(0, send(two, first).baseOffset(), "an older batch among the last five too");
                assertEquals(5, cluster.log(2, TP).logEndOffset(), "neither was stored again");

                ProduceResponse.PartitionProduceResponse gap = send(two, batch(producerId, 9, 1));
                assertEquals(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER.code(), gap.errorCode());
                assertEquals(5, send(two, batch(producerId, 5, 1)).baseOffset(), "the sequence continues");
            }
        }
    }
}
