package io.samsa.broker.storage;

import io.samsa.protocol.types.Uuid;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The data directory's identity file, {@code meta.properties}, as Kafka keeps it: the cluster id
 * (created once, at the first start) and the node id. A directory written by another node is
 * refused, so two brokers never share one log dir by mistake.
 *
 * <p>Not thread-safe; read once at start-up.
 */
public final class MetaProperties {
    public static final String FILE_NAME = "meta.properties";

    private MetaProperties() {
    }

    /**
     * @return the cluster id stored in {@code dir}, after creating the file with a new random id
     *         when there is none
     * @throws IllegalStateException when the file names another node
     */
    public static String loadOrCreateClusterId(Path dir, int nodeId) {
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
            if (Files.exists(file)) {
                Properties props = new Properties();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    props.load(in);
                }
                String stored = props.getProperty("node.id");
                if (stored != null && !stored.equals(Integer.toString(nodeId))) {
                    throw new IllegalStateException(file + " belongs to node " + stored + ", this is node " + nodeId);
                }
                String clusterId = props.getProperty("cluster.id");
                if (clusterId == null || clusterId.isBlank()) {
                    throw new IllegalStateException(file + " has no cluster.id");
                }
                return clusterId;
            }
            String clusterId = Uuid.random().toString();
            Properties props = new Properties();
            props.setProperty("version", "1");
            props.setProperty("cluster.id", clusterId);
            props.setProperty("node.id", Integer.toString(nodeId));
            Path tmp = dir.resolve(FILE_NAME + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                props.store(out, "Samsa data directory identity");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return clusterId;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }
}
