package io.samsa.protocol.record;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.samsa.protocol.record.FuzzedBatches.BatchSpec;
import io.samsa.protocol.record.FuzzedBatches.RecordSpec;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of the record-batch builder and reader with every codec (none, gzip,
 * snappy, lz4, zstd). Invariants, each an {@link AssertionError} when broken:
 * <ul>
 *   <li>builder -&gt; reader round trip is exact: a built batch passes produce validation (with the
 *       record walk) and reads back to the same header fields and the same records (offset,
 *       timestamp, key, value, headers), in order;</li>
 *   <li>damage (byte flips, rewritten header fields, cuts, usually with the CRC recomputed so it
 *       reaches the decompressor and the record parser) and raw fuzzer bytes either fail validation
 *       and reading with {@link CorruptRecordException}, the declared exception, or yield records;
 *       any other exception is a finding;</li>
 *   <li>a batch that passes validation reads to exactly {@code recordsCount} records with
 *       offsets base..last without any exception.</li>
 * </ul>
 * Regression inputs: {@code src/test/resources/io/samsa/protocol/record/RecordBatchCodecFuzzTestInputs/}.
 */
@Tag("jazzer")
class RecordBatchCodecFuzzTest {
    private static final long NOW_MS = 1_767_000_000_000L;
    private static final RecordBatchValidator VALIDATOR =
            RecordBatchValidator.forProduce(Integer.MAX_VALUE).withRecordWalk(true);

    @FuzzTest(maxDuration = "30s")
    void batchCodecs(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            readRaw(data.consumeRemainingAsBytes());
            return;
        }
        BatchSpec spec = FuzzedBatches.spec(data, NOW_MS);
        ByteBuffer built = spec.build();
        assertRoundTrip(spec, built);
        readDamaged(FuzzedBatches.mutate(data, built));
    }

    private static void assertRoundTrip(BatchSpec spec, ByteBuffer built) {
        RecordBatch batch;
        try {
            batch = VALIDATOR.validate(built.duplicate(), 0);
        } catch (CorruptRecordException e) {
            throw new AssertionError("a built batch fails validation: " + spec, e);
        }
        check(batch.compressionType() == spec.codec(), "codec", spec);
        check(batch.producerId() == spec.producerId() && batch.producerEpoch() == spec.producerEpoch()
                && batch.baseSequence() == spec.baseSequence(), "producer fields", spec);
        check(batch.isTransactional() == spec.transactional() && batch.isControlBatch() == spec.control(), "attributes", spec);
        check(batch.recordsCount() == spec.records().size(), "records count", spec);
        List<RecordSpec> expected = spec.records();
        int i = 0;
        try (RecordIterator records = batch.records()) {
            while (records.hasNext()) {
                Record record = records.next();
                check(i < expected.size(), "more records than built", spec);
                RecordSpec want = expected.get(i);
                check(record.offset() == batch.baseOffset() + i, "offset of record " + i, spec);
                check(record.timestamp() == want.timestampMs(), "timestamp of record " + i + ": " + record.timestamp(), spec);
                check(Arrays.equals(bytes(record.key()), want.key()), "key of record " + i, spec);
                check(Arrays.equals(bytes(record.value()), want.value()), "value of record " + i, spec);
                check(record.headers().equals(want.headers()), "headers of record " + i, spec);
                i++;
            }
        }
        check(i == expected.size(), "read " + i + " records", spec);
    }

    private static void readDamaged(ByteBuffer damaged) {
        RecordBatch valid = null;
        try {
            valid = VALIDATOR.validate(damaged.duplicate(), 0);
        } catch (CorruptRecordException expected) {
            // the declared answer to damage
        }
        if (valid != null) {
            int read = 0;
            long offset = valid.baseOffset();
            try (RecordIterator records = valid.records()) {
                while (records.hasNext()) {
                    Record record = records.next();
                    touch(record);
                    if (record.offset() != offset + read) {
                        throw new AssertionError("validated batch: record " + read + " at offset " + record.offset());
                    }
                    read++;
                }
            } catch (CorruptRecordException e) {
                throw new AssertionError("a batch that passed validation fails to read", e);
            }
            if (read != valid.recordsCount()) {
                throw new AssertionError("validated batch of " + valid.recordsCount() + " records read " + read);
            }
        }
        readRaw(damaged);
    }

    private static void readRaw(byte[] bytes) {
        readRaw(ByteBuffer.wrap(bytes));
    }

    /** A consumer iterating without validating first: only CorruptRecordException may stop it. */
    private static void readRaw(ByteBuffer bytes) {
        try {
            VALIDATOR.validateAll(bytes.duplicate());
        } catch (CorruptRecordException expected) {
            // declared
        }
        try {
            for (RecordBatch batch : new MemoryRecords(bytes.duplicate())) {
                try (RecordIterator records = batch.records()) {
                    while (records.hasNext()) {
                        touch(records.next());
                    }
                }
            }
        } catch (CorruptRecordException expected) {
            // declared
        }
    }

    private static void touch(Record record) {
        record.key();
        record.value();
        record.headers();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static void check(boolean condition, String what, BatchSpec spec) {
        if (!condition) {
            throw new AssertionError("round trip broke the " + what + " of " + spec);
        }
    }
}
