package io.samsa.broker.topics;

import com.google.protobuf.InvalidProtocolBufferException;
import io.samsa.broker.storage.AtomicFile;
import io.samsa.broker.topics.proto.TopicRecord;
import io.samsa.broker.topics.proto.TopicRegistrySnapshot;
import io.samsa.protocol.types.Uuid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Persists the topic registry as one protobuf file ({@link #FILE_NAME}) in the data directory.
 *
 * <p>Every save writes the whole registry to {@link #TEMP_FILE_NAME}, forces it to disk, renames it
 * over the real file atomically and forces the directory, so after a crash the file holds either
 * the old or the new registry, never a mix. A temp file left by a crash mid-save is ignored (and
 * overwritten by the next save). A registry is small (one record per topic), so rewriting it whole
 * is cheap compared with creating the topic's log directories.
 *
 * <p>Not thread-safe: the {@link TopicRegistry} calls it under its write lock.
 */
public final class TopicStore {
    /** The registry file in the data directory. */
    public static final String FILE_NAME = "topic-registry.pb";
    /** Where a save is staged before the rename. */
    public static final String TEMP_FILE_NAME = FILE_NAME + ".tmp";
    /** Layout version written into the file; a file with a newer one is refused. */
    static final int FORMAT_VERSION = 1;

    private final Path dir;

    /** @param dir the data directory; created when missing */
    public TopicStore(Path dir) {
        this.dir = dir;
    }

    /** @return the registry file's path */
    public Path file() {
        return dir.resolve(FILE_NAME);
    }

    /**
     * @return the topics saved last, or none when no registry was ever saved
     * @throws UncheckedIOException when the file cannot be read or does not parse: the broker must
     *                              not start and silently forget its topics
     */
    public List<Topic> load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file());
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(), e);
        }
        TopicRegistrySnapshot snapshot;
        try {
            snapshot = TopicRegistrySnapshot.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new UncheckedIOException("corrupt topic registry " + file(), e);
        }
        if (snapshot.getFormatVersion() != FORMAT_VERSION) {
            throw new UncheckedIOException(new IOException("topic registry " + file() + " has format version "
                    + snapshot.getFormatVersion() + ", this broker reads " + FORMAT_VERSION));
        }
        List<Topic> topics = new ArrayList<>(snapshot.getTopicsCount());
        for (TopicRecord record : snapshot.getTopicsList()) {
            topics.add(fromRecord(record));
        }
        return topics;
    }

    /**
     * Replaces the saved registry with {@code topics}, durably.
     *
     * @throws UncheckedIOException when the disk refuses; the previous file is then intact
     */
    public void save(Collection<Topic> topics) {
        TopicRegistrySnapshot.Builder snapshot = TopicRegistrySnapshot.newBuilder().setFormatVersion(FORMAT_VERSION);
        for (Topic topic : topics) {
            snapshot.addTopics(toRecord(topic));
        }
        try {
            AtomicFile.write(file(), snapshot.build().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save topic registry " + file(), e);
        }
    }

    private static TopicRecord toRecord(Topic topic) {
        return TopicRecord.newBuilder()
                .setName(topic.name())
                .setIdMostSignificantBits(topic.id().mostSignificantBits())
                .setIdLeastSignificantBits(topic.id().leastSignificantBits())
                .setPartitionCount(topic.partitionCount())
                .putAllConfigOverrides(topic.configOverrides())
                .setInternal(topic.internal())
                .build();
    }

    private static Topic fromRecord(TopicRecord record) {
        Uuid id = new Uuid(record.getIdMostSignificantBits(), record.getIdLeastSignificantBits());
        return new Topic(record.getName(), id, record.getPartitionCount(), record.getConfigOverridesMap(),
                record.getInternal());
    }
}
