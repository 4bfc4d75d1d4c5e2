package io.samsa.protocol.record;

/**
 * Where a batch's timestamps come from, attribute bit 3: the producer's clock (CreateTime) or the
 * broker's at append (LogAppendTime, in which case every record reads the batch's maxTimestamp).
 */
public enum TimestampType {
    CREATE_TIME,
    LOG_APPEND_TIME
}
