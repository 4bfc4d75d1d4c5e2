package io.samsa.broker.scenarios;

import io.samsa.broker.testing.ClusterClients;
import io.samsa.broker.testing.SamsaCluster;
import io.samsa.protocol.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The strongest replica check: a partition's segment files ({@code <log.dirs>/<topic>-<partition>/*.log},
 * in base-offset order) read straight from each node's data directory, cut after the last record batch
 * below the high watermark, and compared byte for byte. Followers append the leader's batches as they
 * are, so in-sync replicas hold the same bytes.
 *
 * <p>Stateless; thread-safe.
 */
final class ReplicaFiles {
    /** v2 record batch header: baseOffset int64, batchLength int32, then partitionLeaderEpoch, magic, crc, attributes. */
    private static final int LENGTH_OFFSET = 8;
    private static final int LAST_OFFSET_DELTA_OFFSET = 23;
    private static final int LOG_OVERHEAD = 12;

    private ReplicaFiles() {
    }

    /**
     * Waits until every replica's log of the partition holds the same bytes up to {@code highWatermark},
     * and those bytes end exactly at it (the last batch below it ends at offset highWatermark - 1).
     */
    static void awaitIdenticalUpTo(SamsaCluster cluster, Collection<Integer> replicas, String topic, int partition,
            long highWatermark) {
        Map<Integer, byte[]> prefixes = new LinkedHashMap<>();
        try {
            Await.until(ClusterClients.SETTLE, "the replicas " + replicas + " of " + topic + "-" + partition
                    + " holding identical bytes up to the high watermark " + highWatermark, () -> {
                        prefixes.clear();
                        for (int node : replicas) {
                            prefixes.put(node, prefixBelow(logBytes(cluster.dataDir(node), topic, partition), highWatermark));
                        }
                        byte[] first = prefixes.values().iterator().next();
                        return first.length > 0 && nextOffset(first) == highWatermark
                                && prefixes.values().stream().allMatch(bytes -> Arrays.equals(first, bytes));
                    });
        } catch (AssertionError e) {
            StringBuilder state = new StringBuilder(e.getMessage());
            prefixes.forEach((node, bytes) -> state.append("\n  node ").append(node).append(": ").append(bytes.length)
                    .append(" bytes below the high watermark, next offset ").append(nextOffset(bytes)));
            throw new AssertionError(state.toString(), e);
        }
    }

    /** @return the partition's segment files of one node, concatenated in base-offset order */
    static byte[] logBytes(Path dataDir, String topic, int partition) {
        Path dir = dataDir.resolve(topic + "-" + partition);
        if (!Files.isDirectory(dir)) {
            return new byte[0];
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> segments = files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (Path segment : segments) {
                all.write(Files.readAllBytes(segment));
            }
            return all.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the leading complete batches whose last offset is below {@code highWatermark} */
    static byte[] prefixBelow(byte[] log, long highWatermark) {
        ByteBuffer buffer = ByteBuffer.wrap(log);
        int position = 0;
        while (position + LAST_OFFSET_DELTA_OFFSET + 4 <= log.length) {
            long baseOffset = buffer.getLong(position);
            int size = LOG_OVERHEAD + buffer.getInt(position + LENGTH_OFFSET);
            long lastOffset = baseOffset + buffer.getInt(position + LAST_OFFSET_DELTA_OFFSET);
            if (lastOffset >= highWatermark || position + size > log.length) {
                break;
            }
            position += size;
        }
        return Arrays.copyOf(log, position);
    }

    /** @return the offset after the last complete batch of {@code log} (0 for none) */
    static long nextOffset(byte[] log) {
        ByteBuffer buffer = ByteBuffer.wrap(log);
        int position = 0;
        long next = 0;
        while (position + LAST_OFFSET_DELTA_OFFSET + 4 <= log.length) {
            int size = LOG_OVERHEAD + buffer.getInt(position + LENGTH_OFFSET);
            if (position + size > log.length) {
                break;
            }
            next = buffer.getLong(position) + buffer.getInt(position + LAST_OFFSET_DELTA_OFFSET) + 1;
            position += size;
        }
        return next;
    }
}
