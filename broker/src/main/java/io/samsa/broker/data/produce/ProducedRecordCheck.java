package io.samsa.broker.data.produce;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.record.Record;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.record.RecordBatchValidator;
import io.samsa.storage.LogConfig;
import io.samsa.storage.TopicPartition;
import io.samsa.storage.TimestampType;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-record checks Kafka 4.1's LogValidator makes on a client's batch, run during the
 * validator's one walk over the records. Each record gets at most one error, the first of:
 * <ol>
 *   <li>a compacted topic and no key: INVALID_RECORD;</li>
 *   <li>a CreateTime topic and a timestamp (not -1) more than message.timestamp.before.max.ms
 *       before or message.timestamp.after.max.ms after the broker's clock: INVALID_TIMESTAMP
 *       (Kafka's arithmetic, so Long.MIN_VALUE and Long.MAX_VALUE are out of range);</li>
 *   <li>otherwise a batch marked LogAppendTime by the client: INVALID_TIMESTAMP.</li>
 * </ol>
 * Every record is checked and every error kept, so a client fails exactly those records. A
 * LogAppendTime topic has no timestamp bounds: the broker's clock replaces the client's.
 *
 * <p>One instance per partition of one request; not thread-safe. Allocates only on an error.
 */
final class ProducedRecordCheck implements RecordBatchValidator.RecordCheck {
    private final RecordBatch batch;
    private final TopicPartition topicPartition;
    private final boolean compacted;
    private final boolean createTime;
    private final long nowMs;
    private final long beforeMaxMs;
    private final long afterMaxMs;
    private List<RecordError> errors;

    /**
     * @param topicPartition named in messages, as Kafka does
     * @param nowMs          the broker's clock, read once for the request
     */
    ProducedRecordCheck(RecordBatch batch, TopicPartition topicPartition, LogConfig config, long nowMs) {
        this.batch = batch;
        this.topicPartition = topicPartition;
        this.compacted = config.compact();
        this.createTime = config.timestampType() == TimestampType.CREATE_TIME;
        this.nowMs = nowMs;
        this.beforeMaxMs = config.timestampBeforeMaxMs();
        this.afterMaxMs = config.timestampAfterMaxMs();
    }

    @Override
    public void check(Record record, int index) {
        if (compacted && !record.hasKey()) {
            add(new RecordError(index, ErrorCode.INVALID_RECORD,
                    "Compacted topic cannot accept message without key in topic partition " + topicPartition));
        } else if (createTime && record.timestamp() != RecordBatch.NO_TIMESTAMP) {
            if (outOfRange(nowMs - record.timestamp(), beforeMaxMs, afterMaxMs)) {
                add(new RecordError(index, ErrorCode.INVALID_TIMESTAMP, "Timestamp " + record.timestamp()
                        + " of message with offset " + record.offset() + " is out of range. The timestamp should be within ["
                        + (nowMs - beforeMaxMs) + ", " + (nowMs + afterMaxMs) + "]"));
            }
        } else if (batch.isLogAppendTime()) {
            add(new RecordError(index, ErrorCode.INVALID_TIMESTAMP, "Invalid timestamp type in message "
                    + kafkaString(record) + ". Producer should not set timestamp type to LogAppendTime."));
        }
    }

    /**
     * Kafka's comparison, overflow included.
     *
     * @param differenceMs now minus the timestamp, as a long
     */
    static boolean outOfRange(long differenceMs, LogConfig config) {
        return outOfRange(differenceMs, config.timestampBeforeMaxMs(), config.timestampAfterMaxMs());
    }

    private static boolean outOfRange(long differenceMs, long beforeMaxMs, long afterMaxMs) {
        return differenceMs > beforeMaxMs || -differenceMs > afterMaxMs;
    }

    private void add(RecordError error) {
        if (errors == null) {
            errors = new ArrayList<>(1);
        }
        errors.add(error);
    }

    /** @return the records refused, in batch order; empty when every record passed */
    List<RecordError> errors() {
        return errors == null ? List.of() : errors;
    }

    /** Kafka's {@code DefaultRecord.toString()}. */
    private static String kafkaString(Record record) {
        return "DefaultRecord(offset=" + record.offset() + ", timestamp=" + record.timestamp() + ", key="
                + Math.max(record.keySize(), 0) + " bytes, value=" + Math.max(record.valueSize(), 0) + " bytes)";
    }
}
