package io.samsa.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** Samsa's error table agrees with kafka-clients' on every code, name and retriability. */
class ErrorCodeTest {

    @Test
    void everyKafkaErrorHasTheSameCodeNameAndRetriability() {
        for (Errors kafka : Errors.values()) {
            ErrorCode samsa = ErrorCode.forCode(kafka.code());
            assertEquals(kafka.name(), samsa.name(), "name of code " + kafka.code());
            boolean kafkaRetriable = kafka.exception() instanceof RetriableException;
            assertEquals(kafkaRetriable, samsa.retriable(), "retriability of " + kafka.name());
        }
        assertEquals(Errors.values().length, ErrorCode.values().length);
    }

    @Test
    void unknownCodesMapToUnknownServerError() {
        assertEquals(ErrorCode.UNKNOWN_SERVER_ERROR, ErrorCode.forCode((short) 30000));
        assertEquals(ErrorCode.UNKNOWN_SERVER_ERROR, ErrorCode.forCode((short) -2));
        assertEquals(ErrorCode.NONE, ErrorCode.forCode((short) 0));
        assertFalse(ErrorCode.NONE.isError());
        assertTrue(ErrorCode.REBALANCE_IN_PROGRESS.isError());
    }
}
