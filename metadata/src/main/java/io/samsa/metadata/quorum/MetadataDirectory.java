package io.samsa.metadata.quorum;

import io.samsa.protocol.types.Uuid;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * The metadata log directory's identity, {@code meta.properties} with Kafka's keys
 * ({@code version}, {@code cluster.id}, {@code node.id}), and how a node finds its cluster id:
 * the file's, else {@code cluster.id} from the config, else (no voters configured) a random one,
 * else one derived from the voter ids of {@code controller.quorum.voters}, so three nodes configured alike agree
 * without a format step. A directory of another cluster or node is refused with one line.
 *
 * <p>Not thread-safe; used once at start-up.
 */
public final class MetadataDirectory {
    public static final String FILE_NAME = "meta.properties";

    private MetadataDirectory() {
    }

    /**
     * @return the cluster id, after writing meta.properties if the directory had none
     * @throws IllegalStateException when the directory belongs to another cluster or node
     */
    public static String loadOrCreateClusterId(QuorumConfig config) {
        Path dir = config.metadataLogDir();
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
            Optional<String> configured = config.clusterId();
            if (Files.exists(file)) {
                Properties props = new Properties();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    props.load(in);
                }
                String node = props.getProperty("node.id");
                if (node != null && !node.equals(Integer.toString(config.nodeId()))) {
                    throw new IllegalStateException(QuorumConfig.METADATA_LOG_DIR + " " + dir + " belongs to node "
                            + node + ", but this is node " + config.nodeId());
                }
                String stored = props.getProperty("cluster.id", "").trim();
                String expected = configured.orElseGet(() -> config.isSingleNode() ? stored : derivedId(config));
                if (stored.isEmpty() || !stored.equals(expected)) {
                    throw new IllegalStateException(QuorumConfig.METADATA_LOG_DIR + " " + dir + " belongs to cluster "
                            + stored + ", but this node is configured for cluster " + expected);
                }
                return stored;
            }
            String clusterId = configured.orElseGet(() -> config.isSingleNode() ? Uuid.random().toString()
                    : derivedId(config));
            write(dir, file, clusterId, config.nodeId());
            return clusterId;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    /**
     * @return a cluster id that every node with the same voter ids computes alike: from the ids only,
     *         since nodes may name the same voter by different addresses (host name or IP, a proxy, NAT)
     */
    static String derivedId(QuorumConfig config) {
        String ids = config.voters().stream().map(VoterAddress::id).sorted().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(","));
        UUID uuid = UUID.nameUUIDFromBytes(("samsa-cluster:" + ids).getBytes(StandardCharsets.UTF_8));
        return new Uuid(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits()).toString();
    }

    private static void write(Path dir, Path file, String clusterId, int nodeId) throws IOException {
        Properties props = new Properties();
        props.setProperty("version", "1");
        props.setProperty("cluster.id", clusterId);
        props.setProperty("node.id", Integer.toString(nodeId));
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            props.store(out, "Samsa metadata log directory identity");
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
