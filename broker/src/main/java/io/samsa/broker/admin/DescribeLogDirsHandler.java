package io.samsa.broker.admin;

import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.DescribeLogDirsRequest;
import io.samsa.protocol.message.DescribeLogDirsRequest.DescribableLogDirTopic;
import io.samsa.protocol.message.DescribeLogDirsResponse;
import io.samsa.protocol.message.DescribeLogDirsResponse.DescribeLogDirsPartition;
import io.samsa.protocol.message.DescribeLogDirsResponse.DescribeLogDirsResult;
import io.samsa.protocol.message.DescribeLogDirsResponse.DescribeLogDirsTopic;
import io.samsa.storage.LogManager;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * DescribeLogDirs (key 35), v1 to 4: every log dir of this broker with the partitions it holds,
 * each partition's bytes on disk and offset lag ({@link ReplicaHighWatermark}); never a future
 * log (no AlterReplicaLogDirs), and from v4 the volume's total and usable bytes (KIP-827).
 *
 * <p>As Kafka: a null topic list means every partition; named topics and partitions this broker
 * does not hold are simply absent; a dir that is not readable (gone, not a directory, its volume
 * unreachable) is answered KAFKA_STORAGE_ERROR with no topics. Paths are reported absolute, as
 * configured. One deliberate difference: Kafka also lists a dir's topics whose partitions were all
 * filtered out, with an empty partition list; Samsa leaves them out (clients ignore them).
 *
 * <p>Stateless apart from its collaborators; thread-safe. Runs on an I/O thread (it asks the file
 * system for the volumes' sizes).
 */
public final class DescribeLogDirsHandler implements SynchronousHandler<DescribeLogDirsRequest, DescribeLogDirsResponse> {
    private static final Comparator<PartitionLog> BY_TOPIC_AND_INDEX = Comparator
            .comparing((PartitionLog log) -> log.topicPartition().topic())
            .thenComparingInt(log -> log.topicPartition().partition());

    private final List<Path> logDirs;
    private final Supplier<LogManager> logs;
    private final ReplicaHighWatermark highWatermark;

    /**
     * @param logDirs       the configured log.dirs, in order
     * @param logs          the log manager, looked up per call (usable once storage started)
     * @param highWatermark what each replica's lag is measured against
     */
    public DescribeLogDirsHandler(List<Path> logDirs, Supplier<LogManager> logs, ReplicaHighWatermark highWatermark) {
        this.logDirs = logDirs.stream().map(Path::toAbsolutePath).distinct().toList();
        this.logs = logs;
        this.highWatermark = highWatermark;
    }

    @Override
    public ApiKey api() {
        return ApiKey.DESCRIBE_LOG_DIRS;
    }

    @Override
    public DescribeLogDirsResponse handle(DescribeLogDirsRequest request, short apiVersion) {
        Map<String, Set<Integer>> wanted = wantedPartitions(request.topics());
        Map<Path, List<PartitionLog>> byDir = new HashMap<>();
        for (PartitionLog log : logs.get().allLogs()) {
            TopicPartition partition = log.topicPartition();
            if (wanted == null || wanted.getOrDefault(partition.topic(), Set.of()).contains(partition.partition())) {
                byDir.computeIfAbsent(log.dir().toAbsolutePath().normalize().getParent(), dir -> new ArrayList<>()).add(log);
            }
        }
        List<DescribeLogDirsResult> results = new ArrayList<>(logDirs.size());
        for (Path dir : logDirs) {
            results.add(describe(dir, byDir.getOrDefault(dir.normalize(), List.of())));
        }
        return new DescribeLogDirsResponse().setThrottleTimeMs(0).setErrorCode(ErrorCode.NONE.code()).setResults(results);
    }

    /** @return topic -> partition indexes asked for, or null for all */
    private static Map<String, Set<Integer>> wantedPartitions(List<DescribableLogDirTopic> topics) {
        if (topics == null) {
            return null;
        }
        Map<String, Set<Integer>> wanted = new HashMap<>();
        for (DescribableLogDirTopic topic : topics) {
            wanted.computeIfAbsent(topic.topic(), name -> new HashSet<>()).addAll(topic.partitions());
        }
        return wanted;
    }

    private DescribeLogDirsResult describe(Path dir, List<PartitionLog> partitionLogs) {
        DescribeLogDirsResult result = new DescribeLogDirsResult().setLogDir(dir.toString());
        FileStore volume;
        try {
            if (!Files.isDirectory(dir)) {
                return result.setErrorCode(ErrorCode.KAFKA_STORAGE_ERROR.code());
            }
            volume = Files.getFileStore(dir);
            result.setTotalBytes(reportable(volume.getTotalSpace())).setUsableBytes(reportable(volume.getUsableSpace()));
        } catch (IOException e) {
            return result.setErrorCode(ErrorCode.KAFKA_STORAGE_ERROR.code());
        }
        Map<String, DescribeLogDirsTopic> topics = new TreeMap<>();
        partitionLogs.stream().sorted(BY_TOPIC_AND_INDEX).forEach(log -> topics
                .computeIfAbsent(log.topicPartition().topic(), name -> new DescribeLogDirsTopic().setName(name).setPartitions(new ArrayList<>()))
                .partitions().add(new DescribeLogDirsPartition()
                        .setPartitionIndex(log.topicPartition().partition())
                        .setPartitionSize(log.sizeInBytes())
                        .setOffsetLag(highWatermark.offsetLag(log))
                        .setIsFutureKey(false)));
        return result.setErrorCode(ErrorCode.NONE.code()).setTopics(new ArrayList<>(topics.values()));
    }

    /** A volume too large for a long reports a negative size; Kafka reports Long.MAX_VALUE then. */
    private static long reportable(long bytes) {
        return bytes < 0 ? Long.MAX_VALUE : bytes;
    }
}
