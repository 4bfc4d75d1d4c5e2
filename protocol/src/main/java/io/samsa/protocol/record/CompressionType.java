package io.samsa.protocol.record;

import io.samsa.protocol.record.CorruptRecordException.Reason;
import java.util.Locale;

/**
 * The codecs a batch may use, by the id stored in attribute bits 0-2. Names match Kafka's
 * {@code compression.type} values. Immutable, so thread-safe.
 */
public enum CompressionType {
    NONE(0, "none", null),
    GZIP(1, "gzip", new GzipCodec()),
    SNAPPY(2, "snappy", new SnappyCodec()),
    LZ4(3, "lz4", new Lz4Codec()),
    ZSTD(4, "zstd", new ZstdCodec());

    private static final CompressionType[] BY_ID = values();

    private final int id;
    private final String configName;
    private final CompressionCodec codec;

    CompressionType(int id, String configName, CompressionCodec codec) {
        this.id = id;
        this.configName = configName;
        this.codec = codec;
    }

    /** The id stored in the batch attributes. */
    public int id() {
        return id;
    }

    /** The name used in configs and by Kafka's {@code compression.type}. */
    public String configName() {
        return configName;
    }

    /**
     * The codec for this type.
     *
     * @throws IllegalStateException for {@link #NONE}, which has none
     */
    public CompressionCodec codec() {
        if (codec == null) {
            throw new IllegalStateException("no codec for compression type none");
        }
        return codec;
    }

    /**
     * The type stored under {@code id} in a batch.
     *
     * @throws CorruptRecordException for ids 5 to 7, which no codec uses
     */
    public static CompressionType forId(int id) {
        if (id < 0 || id >= BY_ID.length) {
            throw new CorruptRecordException(Reason.INVALID_ATTRIBUTES, "unknown compression codec id " + id);
        }
        return BY_ID[id];
    }

    /**
     * The type with this config name (case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static CompressionType forName(String name) {
        for (CompressionType type : BY_ID) {
            if (type.configName.equals(name.toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown compression type: " + name);
    }
}
