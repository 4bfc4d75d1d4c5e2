package io.samsa.protocol.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.samsa.protocol.record.CorruptRecordException.Reason;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Compressed batches that inflate past the configured bounds are refused, not read. */
class RecordReadLimitsTest {

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aRecordOverTheLimitIsRefused(CompressionType type) {
        ByteBuffer batch = RecordBatchBuilder.create(type)
                .append(1L, null, ByteBuffer.allocate(2_000_000), List.of())
                .build();
        RecordBatch view = new RecordBatch(batch, 0);

        CorruptRecordException tooBig = assertThrows(CorruptRecordException.class,
                () -> drain(view.records(new RecordReadLimits(1_000_000, 1L << 30))));
        assertEquals(Reason.INVALID_RECORD, tooBig.reason());
        CorruptRecordException bomb = assertThrows(CorruptRecordException.class,
                () -> drain(view.records(new RecordReadLimits(4_000_000, 1_000_000))));
        assertEquals(Reason.DECOMPRESSION_FAILED, bomb.reason());
        drain(view.records(new RecordReadLimits(4_000_000, 4_000_000)));
    }

    private static void drain(RecordIterator records) {
        try (records) {
            while (records.hasNext()) {
                records.next();
            }
        }
    }
}
