package io.samsa.protocol.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xerial.snappy.Snappy;

/** The codecs' framing, round trips, and the raw snappy blocks librdkafka writes. */
class CompressionCodecTest {

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void roundTripsAcrossManyBlocks(CompressionType type) throws IOException {
        byte[] input = RecordFixtures.compressibleBytes(new Random(type.id()), 300_000);
        byte[] compressed = compress(type, input);
        try (InputStream in = type.codec().decompress(ByteBuffer.wrap(compressed))) {
            assertArrayEquals(input, in.readAllBytes());
        }
    }

    @Test
    void framingIsWhatKafkaWrites() throws IOException {
        byte[] input = "hello".getBytes();
        byte[] lz4 = compress(CompressionType.LZ4, input);
        // magic 0x184D2204 little-endian, FLG: version 1 + block independence, BD: 64 KiB blocks
        assertArrayEquals(new byte[] {0x04, 0x22, 0x4d, 0x18, 0x60, 0x40}, java.util.Arrays.copyOf(lz4, 6));
        byte[] snappy = compress(CompressionType.SNAPPY, input);
        assertArrayEquals(SnappyBlocksInputStream.XERIAL_MAGIC, java.util.Arrays.copyOf(snappy, 8));
        assertEquals(1, ByteBuffer.wrap(snappy, 8, 8).getInt(), "xerial version");
        assertEquals(1, ByteBuffer.wrap(snappy, 12, 4).getInt(), "xerial compatible version");
        byte[] gzip = compress(CompressionType.GZIP, input);
        assertEquals(0x1f8b, ByteBuffer.wrap(gzip).getShort() & 0xffff);
        byte[] zstd = compress(CompressionType.ZSTD, input);
        assertEquals(0xFD2FB528, ByteBuffer.wrap(zstd).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt());
    }

    @Test
    void rawSnappyBatchAsLibrdkafkaWritesItIsReadLikeKafkaDoes() throws IOException {
        ByteBuffer plain = RecordBatchBuilder.create(CompressionType.NONE).baseOffset(10L)
                .append(1L, ByteBuffer.wrap("k".getBytes()), ByteBuffer.wrap(new byte[40_000]),
                        List.of(RecordHeader.of("h", "v".getBytes())))
                .append(2L, null, ByteBuffer.wrap("v2".getBytes()), List.of())
                .build();
        byte[] records = new byte[plain.limit() - RecordBatch.RECORDS_OFFSET];
        plain.get(RecordBatch.RECORDS_OFFSET, records);
        byte[] block = Snappy.compress(records);
        ByteBuffer raw = ByteBuffer.allocate(RecordBatch.RECORDS_OFFSET + block.length);
        raw.put(plain.array(), 0, RecordBatch.RECORDS_OFFSET).put(block).flip();
        raw.putInt(RecordBatch.BATCH_LENGTH_OFFSET, raw.limit() - RecordBatch.LOG_OVERHEAD);
        raw.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) CompressionType.SNAPPY.id());
        raw.putInt(RecordBatch.CRC_OFFSET, (int) new RecordBatch(raw, 0).computeChecksum());

        assertEquals(2, KafkaOracle.assertSameAsKafka(raw));
    }

    @Test
    void lz4FramesWithChecksumsAndContentSizeAreRead() throws IOException {
        byte[] input = RecordFixtures.compressibleBytes(new Random(9), 200_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new net.jpountz.lz4.LZ4FrameOutputStream(bytes,
                net.jpountz.lz4.LZ4FrameOutputStream.BLOCKSIZE.SIZE_256KB, input.length,
                net.jpountz.lz4.LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE,
                net.jpountz.lz4.LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM,
                net.jpountz.lz4.LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM,
                net.jpountz.lz4.LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE)) {
            out.write(input);
        }
        try (InputStream in = CompressionType.LZ4.codec().decompress(ByteBuffer.wrap(bytes.toByteArray()))) {
            assertArrayEquals(input, in.readAllBytes());
        }
        byte[] damaged = bytes.toByteArray();
        damaged[damaged.length / 2] ^= 1;
        assertThrows(IOException.class, () -> readAll(CompressionType.LZ4, ByteBuffer.wrap(damaged)));
    }

    @Test
    void snappyChunkLengthsAndClaimedSizesAreChecked() throws IOException {
        byte[] framed = compress(CompressionType.SNAPPY, new byte[1000]);
        ByteBuffer lying = ByteBuffer.wrap(framed.clone());
        lying.putInt(SnappyBlocksInputStream.XERIAL_HEADER_BYTES, 1 << 30);
        assertThrows(IOException.class, () -> readAll(CompressionType.SNAPPY, lying));
        // a raw block whose header varint claims 2 GiB from a few bytes
        ByteBuffer bomb = ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 0, 0});
        assertThrows(IOException.class, () -> readAll(CompressionType.SNAPPY, bomb));
    }

    private static void readAll(CompressionType type, ByteBuffer compressed) throws IOException {
        try (InputStream in = type.codec().decompress(compressed)) {
            in.readAllBytes();
        }
    }

    private static byte[] compress(CompressionType type, byte[] input) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = type.codec().compressTo(bytes)) {
            out.write(input);
        }
        return bytes.toByteArray();
    }
}
