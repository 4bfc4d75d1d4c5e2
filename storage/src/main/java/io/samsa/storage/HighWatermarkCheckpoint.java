package io.samsa.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's {@code replication-offset-checkpoint} of one log dir: the high watermark of every
 * partition in it, one {@code <topic> <partition> <highWatermark>} line each (the
 * {@link CheckpointFile} format). Read at start-up, so a restarted replica does not expose less,
 * or more, than was committed; every value read is clamped to its recovered log.
 *
 * <p>Not thread-safe; the log manager serialises its writes.
 */
final class HighWatermarkCheckpoint {
    static final String FILE_NAME = "replication-offset-checkpoint";
    private static final Logger LOG = LoggerFactory.getLogger(HighWatermarkCheckpoint.class);

    private final Path file;

    HighWatermarkCheckpoint(Path logDir) {
        this.file = logDir.resolve(FILE_NAME);
    }

    /** @return the high watermarks in the file; empty when it is absent or unreadable */
    Map<TopicPartition, Long> read() {
        Map<TopicPartition, Long> out = new HashMap<>();
        try {
            CheckpointFile.read(file, 3).ifPresent(lines -> {
                for (String[] fields : lines) {
                    out.put(new TopicPartition(fields[0], Integer.parseInt(fields[1])), Long.parseLong(fields[2]));
                }
            });
        } catch (IOException | NumberFormatException e) {
            LOG.warn("Ignoring unreadable {}: {}", file, e.getMessage());
            out.clear();
        }
        return out;
    }

    void write(Map<TopicPartition, Long> highWatermarks) throws IOException {
        List<String> lines = new ArrayList<>(highWatermarks.size());
        highWatermarks.forEach((partition, hw) -> lines.add(partition.topic() + " " + partition.partition() + " " + hw));
        CheckpointFile.write(file, lines);
    }
}
