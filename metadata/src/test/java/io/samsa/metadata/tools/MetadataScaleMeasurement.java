package io.samsa.metadata.tools;

import io.samsa.metadata.controller.ControllerConfig;
import io.samsa.metadata.controller.ControllerResult;
import io.samsa.metadata.controller.MetadataController;
import io.samsa.metadata.controller.api.BrokerHeartbeatRequest;
import io.samsa.metadata.controller.api.CreatableTopic;
import io.samsa.metadata.controller.api.RegisterBrokerRequest;
import io.samsa.metadata.image.ConfigResource;
import io.samsa.metadata.image.Endpoint;
import io.samsa.metadata.image.MetadataDelta;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.quorum.QuorumConfig;
import io.samsa.metadata.quorum.RatisMetadataQuorum;
import io.samsa.metadata.quorum.SnapshotFile;
import io.samsa.metadata.records.proto.MetadataRecord;
import io.samsa.metadata.records.proto.MetadataRecordBatch;
import io.samsa.protocol.types.Uuid;
import io.samsa.protocol.util.ManualTime;
import io.samsa.protocol.util.Time;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The figures behind the README's "30 brokers, 100,000 partitions" estimate: record sizes in the
 * log and in a snapshot, snapshot write and load times, the controller's cost to fence a broker,
 * and the records per second a one-node Ratis quorum commits. A program, not a test:
 * {@code java -cp <test classpath> io.samsa.metadata.tools.MetadataScaleMeasurement}.
 */
public final class MetadataScaleMeasurement {
    private static final int BROKERS = 30;
    private static final int TOPICS = 1_000;
    private static final int PARTITIONS_PER_TOPIC = 100;
    private static final int RF = 3;

    private MetadataScaleMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        ManualTime time = new ManualTime();
        long[] topicIds = {0};
        MetadataController controller = new MetadataController(ControllerConfig.fromProperties(
                Map.of(ControllerConfig.SESSION_TIMEOUT_MS, "600000")), () -> new Uuid(77, ++topicIds[0]));
        MetadataImage image = commit(MetadataImage.EMPTY, controller.activate(MetadataImage.EMPTY, "c", time.milliseconds()));
        for (int b = 1; b <= BROKERS; b++) {
            var reg = controller.registerBroker(image, new RegisterBrokerRequest(b, "c", new Uuid(5, b),
                    List.of(new Endpoint("PLAINTEXT", "broker-" + b + ".example.com", 9092, "PLAINTEXT")),
                    Optional.empty()), time.milliseconds());
            image = commit(image, reg);
            image = commit(image, controller.brokerHeartbeat(image, new BrokerHeartbeatRequest(b,
                    reg.response().brokerEpoch(), image.offset(), false, false), time.milliseconds()));
        }
        long logBytes = 0;
        long partitionRecords = 0;
        long createNs = System.nanoTime();
        for (int t = 0; t < TOPICS; t++) {
            ControllerResult<?> created = controller.createTopics(image, List.of(CreatableTopic.of(
                    "topic-" + t, PARTITIONS_PER_TOPIC, RF)), false);
            logBytes += MetadataRecordBatch.newBuilder().setBaseVersion(image.version())
                    .addAllRecords(created.records()).build().getSerializedSize();
            partitionRecords += created.records().stream().filter(MetadataRecord::hasPartition).count();
            image = commit(image, created);
        }
        long createMs = (System.nanoTime() - createNs) / 1_000_000;
        int partitions = image.partitionCount();
        System.out.printf("image: %d brokers, %d topics, %d partitions (RF %d); built by the controller in %d ms%n",
                BROKERS, TOPICS, partitions, RF, createMs);
        System.out.printf("log: %d bytes for the CreateTopics batches = %.1f bytes per partition record%n",
                logBytes, (double) logBytes / partitionRecords);

        var isrShrink = controller.alterPartition(image, new io.samsa.metadata.controller.api.AlterPartitionRequest(
                image.topic("topic-0").partition(0).leader(), image.broker(image.topic("topic-0").partition(0).leader())
                .epoch(), List.of(new io.samsa.metadata.controller.api.AlterPartitionRequest.IsrChange(
                image.topic("topic-0").id(), 0, 0, List.of(image.topic("topic-0").partition(0).leader()), 0))));
        System.out.printf("log: one ISR shrink (PartitionChangeRecord in its batch) = %d bytes%n",
                MetadataRecordBatch.newBuilder().setBaseVersion(image.version()).addAllRecords(isrShrink.records())
                        .build().getSerializedSize());

        Path dir = Files.createTempDirectory("samsa-metadata-measure");
        try {
            Path snapshot = dir.resolve("snapshot");
            long best = Long.MAX_VALUE;
            long bestLoad = Long.MAX_VALUE;
            long bytes = 0;
            for (int round = 0; round < 5; round++) {
                long start = System.nanoTime();
                bytes = SnapshotFile.write(image, snapshot);
                best = Math.min(best, System.nanoTime() - start);
                start = System.nanoTime();
                MetadataImage loaded = SnapshotFile.read(snapshot);
                bestLoad = Math.min(bestLoad, System.nanoTime() - start);
                if (!loaded.equals(image)) {
                    throw new AssertionError("the snapshot does not read back equal");
                }
            }
            System.out.printf("snapshot: %d bytes = %.1f bytes per partition; write %d ms, load %d ms (best of 5)%n",
                    bytes, (double) bytes / partitions, best / 1_000_000, bestLoad / 1_000_000);

            time.advance(600_001 - 1);
            for (int b = 2; b <= BROKERS; b++) {
                image = commit(image, controller.brokerHeartbeat(image, new BrokerHeartbeatRequest(b,
                        image.broker(b).epoch(), image.offset(), false, false), time.milliseconds()));
            }
            time.advance(2);
            long fenceStart = System.nanoTime();
            ControllerResult<List<Integer>> fence = controller.fenceExpiredBrokers(image, time.milliseconds());
            long fenceMs = (System.nanoTime() - fenceStart) / 1_000_000;
            System.out.printf("fencing broker %s: %d records (%d bytes) computed in %d ms%n", fence.response(),
                    fence.records().size(), MetadataRecordBatch.newBuilder().addAllRecords(fence.records()).build()
                            .getSerializedSize(), fenceMs);

            measureCommits(dir.resolve("quorum"));
            measureThreeVoterCommits(dir.resolve("three"));
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void measureCommits(Path dir) throws Exception {
        QuorumConfig config = QuorumConfig.fromProperties(Map.of(QuorumConfig.METADATA_LOG_DIR, dir.toString(),
                QuorumConfig.ELECTION_TIMEOUT_MS, "300", QuorumConfig.REQUEST_TIMEOUT_MS, "30000"));
        try (RatisMetadataQuorum quorum = new RatisMetadataQuorum(config, ControllerConfig.defaults(), Time.SYSTEM)) {
            quorum.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!quorum.isActiveController() && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            ConfigResource resource = ConfigResource.topic("bench");
            int sequential = 500;
            long start = System.nanoTime();
            for (int i = 0; i < sequential; i++) {
                String key = "k" + i;
                quorum.submit((c, image, nowMs) -> c.alterConfigs(image, resource, Map.of(key, Optional.of("v"))))
                        .get(30, TimeUnit.SECONDS);
            }
            double seqMs = (System.nanoTime() - start) / 1e6;
            System.out.printf("one-node quorum, one operation at a time: %d commits in %.0f ms = %.0f records/s, "
                    + "%.2f ms each%n", sequential, seqMs, sequential / (seqMs / 1000), seqMs / sequential);

            int pipelined = 20_000;
            List<CompletableFuture<?>> futures = new ArrayList<>(pipelined);
            start = System.nanoTime();
            for (int i = 0; i < pipelined; i++) {
                String key = "p" + (i % 1000);
                futures.add(quorum.submit((c, image, nowMs) -> c.alterConfigs(image, resource,
                        Map.of(key, Optional.of("v" + nowMs)))));
            }
            CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);
            double pipeMs = (System.nanoTime() - start) / 1e6;
            System.out.printf("one-node quorum, pipelined: %d commits in %.0f ms = %.0f records/s%n", pipelined,
                    pipeMs, pipelined / (pipeMs / 1000));
        }
    }

    private static void measureThreeVoterCommits(Path dir) throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                ports.add(socket.getLocalPort());
            }
        }
        String voters = "1@127.0.0.1:" + ports.get(0) + ",2@127.0.0.1:" + ports.get(1) + ",3@127.0.0.1:" + ports.get(2);
        List<RatisMetadataQuorum> nodes = new ArrayList<>();
        try {
            for (int id = 1; id <= 3; id++) {
                RatisMetadataQuorum node = new RatisMetadataQuorum(QuorumConfig.fromProperties(Map.of(
                        QuorumConfig.NODE_ID, Integer.toString(id), QuorumConfig.VOTERS, voters,
                        QuorumConfig.METADATA_LOG_DIR, dir.resolve("n" + id).toString(),
                        QuorumConfig.ELECTION_TIMEOUT_MS, "500", QuorumConfig.REQUEST_TIMEOUT_MS, "30000")),
                        ControllerConfig.defaults(), Time.SYSTEM);
                node.start();
                nodes.add(node);
            }
            RatisMetadataQuorum leader = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (leader == null && System.nanoTime() < deadline) {
                leader = nodes.stream().filter(RatisMetadataQuorum::isActiveController).findFirst().orElse(null);
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            if (leader == null) {
                throw new IllegalStateException("no leader");
            }
            ConfigResource resource = ConfigResource.topic("bench");
            int pipelined = 20_000;
            List<CompletableFuture<?>> futures = new ArrayList<>(pipelined);
            long start = System.nanoTime();
            for (int i = 0; i < pipelined; i++) {
                String key = "p" + (i % 1000);
                futures.add(leader.submit((c, image, nowMs) -> c.alterConfigs(image, resource,
                        Map.of(key, Optional.of("v" + nowMs)))));
            }
            CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(180, TimeUnit.SECONDS);
            double ms = (System.nanoTime() - start) / 1e6;
            System.out.printf("three voters in one JVM, pipelined: %d commits in %.0f ms = %.0f records/s%n", pipelined,
                    ms, pipelined / (ms / 1000));
        } finally {
            nodes.forEach(RatisMetadataQuorum::close);
        }
    }

    private static MetadataImage commit(MetadataImage image, ControllerResult<?> result) {
        if (result.records().isEmpty()) {
            return image;
        }
        MetadataDelta delta = image.newDelta();
        result.records().forEach(delta::replay);
        return delta.apply(image.offset() + 1, 1);
    }
}
