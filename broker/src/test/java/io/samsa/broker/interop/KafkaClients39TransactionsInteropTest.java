package io.samsa.broker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.Broker;
import io.samsa.broker.BrokerAssembly;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.protocol.util.Time;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kafka-clients 3.9.0 transactions in a child JVM ({@link LegacyTransactionScenario}) against one
 * in-process broker: a commit, an abort, a zombie fenced by a second producer with the same
 * transactional id, and a 3.9 read_committed consumer that sees only the committed values; the 4.1
 * client reading read_uncommitted sees every value that was appended, aborted ones included.
 */
class KafkaClients39TransactionsInteropTest {
    private static final Duration JVM_DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path dataDir;

    @Test
    void commitAbortAndFencingWithTheOlderClient() throws Exception {
        Broker broker = BrokerAssembly.build(TestBrokers.config(Map.of("log.dirs", dataDir.toString(),
                "transaction.state.log.num.partitions", "3")), Time.SYSTEM).start();
        try {
            String bootstrap = "127.0.0.1:" + broker.boundPort();
            String topic = "clients39-txn";
            JavaOracle.createTopic(bootstrap, topic, 1);

            ToolProcess.Result result = ToolProcess.run(LegacyClientJvm.command(LegacyTransactionScenario.class,
                    List.of(bootstrap, topic, "clients39-txn-id")), new byte[0], JVM_DEADLINE).requireSuccess();

            assertTrue(result.stderr().contains("kafka-clients version 3.9.0"), result.stderr());
            assertEquals(List.of("committed", "aborted", "fenced ProducerFencedException", "successor committed",
                    "read_committed c0,c1,c2,s0"), result.lines(), result::toString);
            List<String> appended = JavaOracle.readAll(bootstrap, topic).stream().map(KeyedRecord::value).toList();
            assertEquals(List.of("c0", "c1", "c2", "a0", "a1", "z0", "s0"), appended, "read_uncommitted by kafka-clients 4.1");
        } finally {
            broker.close();
        }
    }
}
