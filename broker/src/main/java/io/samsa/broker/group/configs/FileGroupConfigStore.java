package io.samsa.broker.group.configs;

import io.samsa.broker.storage.AtomicFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The group config overrides in one file of the data directory, replaced atomically on each save
 * ({@link AtomicFile}). Layout, all integers big-endian, strings as Java modified UTF-8 with a
 * 2-byte length ({@link DataOutputStream#writeUTF}):
 * <pre>
 *  int32 format version (1) | int32 group count |
 *    per group: string group id | int32 config count | per config: string name | string value
 * </pre>
 * A file that does not parse, or has a newer version, fails the load: the broker must not start
 * and silently forget the configs.
 *
 * <p>Not thread-safe: {@link GroupConfigManager} calls it under its lock.
 */
public final class FileGroupConfigStore implements GroupConfigStore {
    /** The store's file in the data directory. */
    public static final String FILE_NAME = "group-configs.bin";
    static final int FORMAT_VERSION = 1;

    private final Path file;

    /** @param dir the data directory */
    public FileGroupConfigStore(Path dir) {
        this.file = dir.resolve(FILE_NAME);
    }

    @Override
    public Map<String, Map<String, String>> load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new IOException("group config store " + file + " has format version " + version
                        + ", this broker reads " + FORMAT_VERSION);
            }
            int groups = in.readInt();
            Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
            for (int g = 0; g < groups; g++) {
                String groupId = in.readUTF();
                int configs = in.readInt();
                Map<String, String> values = new TreeMap<>();
                for (int c = 0; c < configs; c++) {
                    values.put(in.readUTF(), in.readUTF());
                }
                overrides.put(groupId, values);
            }
            if (in.available() > 0) {
                throw new IOException("trailing bytes in group config store " + file);
            }
            return overrides;
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt group config store " + file, e);
        }
    }

    @Override
    public void save(Map<String, Map<String, String>> overrides) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT_VERSION);
            out.writeInt(overrides.size());
            for (Map.Entry<String, Map<String, String>> group : overrides.entrySet()) {
                out.writeUTF(group.getKey());
                out.writeInt(group.getValue().size());
                for (Map.Entry<String, String> config : group.getValue().entrySet()) {
                    out.writeUTF(config.getKey());
                    out.writeUTF(config.getValue());
                }
            }
            out.flush();
            AtomicFile.write(file, bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save group config store " + file, e);
        }
    }
}
