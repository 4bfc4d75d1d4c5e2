package io.samsa.client.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one ErrorCode -&gt; exception mapping: retriability follows the code, each dedicated class has
 * Kafka's name for the same code, and the reverse mapping finds the code again.
 */
class ErrorsTest {

    @Test
    void everyCodeMapsAndRetriabilityFollowsTheCode() {
        for (ErrorCode code : ErrorCode.values()) {
            if (code == ErrorCode.NONE) {
                assertThrows(IllegalArgumentException.class, () -> Errors.toException(code));
                continue;
            }
            KafkaException e = Errors.toException(code, "msg");
            assertEquals(code.retriable(), e instanceof RetriableException, code.name());
            assertTrue(e.getMessage().contains("msg"), code.name());
        }
    }

    @Test
    void dedicatedClassesAreNamedAsKafkasAndInTheSameBranch() {
        List<String> mismatches = new ArrayList<>();
        for (ErrorCode code : Errors.mappedCodes().keySet()) {
            Exception ours = Errors.toException(code, "m");
            Exception theirs = org.apache.kafka.common.protocol.Errors.forCode(code.code()).exception();
            if (!ours.getClass().getSimpleName().equals(theirs.getClass().getSimpleName())) {
                mismatches.add(code + ": " + ours.getClass().getSimpleName() + " vs " + theirs.getClass().getSimpleName());
            }
            if (!ours.getClass().getSuperclass().getSimpleName().equals(theirs.getClass().getSuperclass().getSimpleName())) {
                mismatches.add(code + " parent: " + ours.getClass().getSuperclass().getSimpleName() + " vs "
                    + theirs.getClass().getSuperclass().getSimpleName());
            }
            assertEquals(code, Errors.forException(ours), code.name());
        }
        assertEquals(List.of(), mismatches);
        assertTrue(Errors.mappedCodes().size() >= 60, "mapped " + Errors.mappedCodes().size());
    }

    @Test
    void defaultMessageAndUnknownExceptions() {
        assertEquals(ErrorCode.NOT_COORDINATOR.message(), Errors.toException(ErrorCode.NOT_COORDINATOR).getMessage());
        assertEquals(ErrorCode.UNKNOWN_SERVER_ERROR, Errors.forException(new IllegalStateException()));
        assertEquals(ErrorCode.NOT_LEADER_OR_FOLLOWER, Errors.forException(new NotLeaderOrFollowerException("x")));
    }

    @Test
    void localExceptionsCarryTheirDetails() {
        ConfigException config = new ConfigException("acks", "2", "String must be one of: all, -1, 0, 1");
        assertEquals("Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1", config.getMessage());
        assertEquals("acks", config.name());
        new InterruptException(new InterruptedException());
        assertTrue(Thread.interrupted(), "InterruptException re-asserts the interrupt flag");
        io.samsa.client.common.TopicPartition tp = new io.samsa.client.common.TopicPartition("t", 1);
        assertEquals(java.util.Set.of(tp), new NoOffsetForPartitionException(tp).partitions());
        assertEquals(java.util.Set.of(tp), new OffsetOutOfRangeException(java.util.Map.of(tp, 5L)).partitions());
        assertTrue(new CommitFailedException().getMessage().contains("max.poll.interval.ms"));
    }
}
