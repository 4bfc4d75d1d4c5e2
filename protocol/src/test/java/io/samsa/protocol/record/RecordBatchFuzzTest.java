package io.samsa.protocol.record;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.samsa.protocol.record.CorruptRecordException.Reason;
import io.samsa.protocol.record.RecordFixtures.Content;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded random damage to valid batches of every codec: truncations, byte flips, and flips or
 * truncations with the CRC (and length) patched so the damage reaches the record parser and the
 * decompressor. Validation and a full read must each end in success or a
 * {@link CorruptRecordException}; any other exception, or a hang (the timeout), fails the test.
 */
class RecordBatchFuzzTest {
    private static final int MUTATIONS_PER_SEED = 3000;
    private static final RecordBatchValidator PRODUCE = RecordBatchValidator.forProduce(Integer.MAX_VALUE);
    private static final RecordBatchValidator RECOVERY_WALK =
            RecordBatchValidator.forRecovery(Integer.MAX_VALUE).withRecordWalk(true);

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void damagedBatchesFailOnlyWithCorruptRecordException(CompressionType type) {
        Random random = new Random(20_261_121L + type.id());
        Map<Reason, Integer> reasons = new EnumMap<>(Reason.class);
        int accepted = 0;
        for (ByteBuffer seed : List.of(samsaBatch(type, random), kafkaBatch(type, random))) {
            for (int i = 0; i < MUTATIONS_PER_SEED; i++) {
                ByteBuffer damaged = mutate(seed, random);
                String description = type + " mutation " + i;
                accepted += check(damaged, description, reasons);
            }
        }
        assertTrue(reasons.getOrDefault(Reason.CHECKSUM_MISMATCH, 0) > 0, "flips without a CRC fix: " + reasons);
        assertTrue(reasons.getOrDefault(Reason.INVALID_BATCH_LENGTH, 0) > 0, "truncations: " + reasons);
        Reason deep = type == CompressionType.NONE ? Reason.INVALID_RECORD : Reason.DECOMPRESSION_FAILED;
        assertTrue(reasons.getOrDefault(deep, 0) > 0,
                "damage behind a patched CRC must reach " + deep + ": " + reasons);
        assertTrue(accepted < 2 * MUTATIONS_PER_SEED, "most damage is noticed, accepted " + accepted + " of "
                + 4 * MUTATIONS_PER_SEED + " validations");
    }

    /**
     * Validates in both modes and reads without validating. Whatever Samsa accepts, kafka-clients
     * must read to the same fields (a differential check on top of "no other exception").
     *
     * @return how many of the two validators accepted the damaged bytes
     */
    private static int check(ByteBuffer damaged, String description, Map<Reason, Integer> reasons) {
        int accepted = 0;
        for (RecordBatchValidator validator : List.of(PRODUCE, RECOVERY_WALK)) {
            try {
                validator.validateAll(damaged.duplicate());
            } catch (CorruptRecordException e) {
                reasons.merge(e.reason(), 1, Integer::sum);
                continue;
            } catch (Throwable t) {
                fail(description + ": validation threw " + t, t);
            }
            accepted++;
            try {
                KafkaOracle.assertSameAsKafka(damaged);
            } catch (Throwable t) {
                fail(description + ": Samsa accepted a batch Kafka reads differently: " + t, t);
            }
        }
        // a consumer reads without validating first: iteration alone must be just as safe
        try {
            for (RecordBatch batch : new MemoryRecords(damaged.duplicate())) {
                try (RecordIterator records = batch.records()) {
                    while (records.hasNext()) {
                        Record record = records.next();
                        record.headers();
                        record.key();
                        record.value();
                    }
                }
            }
        } catch (CorruptRecordException e) {
            reasons.merge(e.reason(), 1, Integer::sum);
        } catch (Throwable t) {
            fail(description + ": iteration threw " + t, t);
        }
        return accepted;
    }

    private static ByteBuffer mutate(ByteBuffer seed, Random random) {
        ByteBuffer copy = ByteBuffer.allocate(seed.remaining());
        copy.put(seed.duplicate()).flip();
        int size = copy.limit();
        switch (random.nextInt(7)) {
            case 0 -> copy.limit(random.nextInt(size));
            case 5 -> {
                // a batch too short to hold its own header, ending the buffer
                int batchLength = random.nextInt(RecordBatch.HEADER_SIZE);
                copy.putInt(RecordBatch.BATCH_LENGTH_OFFSET, batchLength);
                copy.limit(RecordBatch.LOG_OVERHEAD + batchLength);
            }
            case 6 -> copy.putInt(RecordBatch.BATCH_LENGTH_OFFSET, random.nextInt());
            case 1 -> flip(copy, random, 0, size);
            case 2 -> {
                flip(copy, random, RecordBatch.ATTRIBUTES_OFFSET, size);
                RecordBatchValidatorTest.fixCrc(copy);
            }
            case 3 -> {
                flip(copy, random, RecordBatch.RECORDS_OFFSET, size);
                RecordBatchValidatorTest.fixCrc(copy);
            }
            default -> {
                // cut the records short but keep the header honest about it
                int newSize = RecordBatch.HEADER_SIZE + random.nextInt(size - RecordBatch.HEADER_SIZE);
                copy.limit(newSize);
                copy.putInt(RecordBatch.BATCH_LENGTH_OFFSET, newSize - RecordBatch.LOG_OVERHEAD);
                RecordBatchValidatorTest.fixCrc(copy);
            }
        }
        return copy;
    }

    private static void flip(ByteBuffer buffer, Random random, int from, int to) {
        int flips = 1 + random.nextInt(4);
        for (int f = 0; f < flips; f++) {
            int index = from + random.nextInt(to - from);
            buffer.put(index, (byte) (buffer.get(index) ^ (1 << random.nextInt(8))));
        }
    }

    private static ByteBuffer samsaBatch(CompressionType type, Random random) {
        RecordBatchBuilder builder = RecordBatchBuilder.create(type).producer(5L, (short) 1, 0);
        for (Content content : smallContents(random)) {
            builder.append(content.timestampMs(), wrap(content.key()), wrap(content.value()),
                    KafkaOracle.toSamsa(content.headers()));
        }
        return builder.build();
    }

    private static ByteBuffer kafkaBatch(CompressionType type, Random random) {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 18);
        MemoryRecordsBuilder builder = new MemoryRecordsBuilder(buffer, (byte) 2, KafkaOracle.kafkaCompression(type),
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0L, -1L, 5L, (short) 1, 0, true, false, 0,
                buffer.capacity());
        for (Content content : smallContents(random)) {
            builder.append(content.timestampMs(), content.key(), content.value(), content.headers());
        }
        return builder.build().buffer();
    }

    /** About 25 small records: big enough to exercise every field, small enough to fuzz quickly. */
    private static Content[] smallContents(Random random) {
        Content[] contents = RecordFixtures.randomContents(random, 25, 1_700_000_000_000L);
        for (int i = 0; i < contents.length; i++) {
            Content c = contents[i];
            if (c.value() != null && c.value().length > 1000) {
                contents[i] = new Content(c.timestampMs(), c.key(), RecordFixtures.compressibleBytes(random, 300),
                        c.headers());
            }
        }
        return contents;
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }
}
