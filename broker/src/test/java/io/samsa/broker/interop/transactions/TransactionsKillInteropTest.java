package io.samsa.broker.interop.transactions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.testing.BrokerProcess;
import io.samsa.protocol.testing.Await;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a broker (a child JVM running {@code io.samsa.broker.SamsaBroker}) with transactions in
 * flight, then a restart on the same data directory, with kafka-clients 4.1: one transaction
 * committed before the kill stays committed; one left open is aborted on its timeout by the
 * reloaded coordinator; one whose commit was under way at the kill (EndTxn sent, markers perhaps
 * not) ends all or nothing, committed if the client saw its commit succeed. A read_committed
 * consumer never sees the open transaction's records, the last stable offset reaches the log end,
 * and the open transaction's id can be used again.
 */
class TransactionsKillInteropTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String TOPIC = "kill9-txn";
    private static final int OPEN_TIMEOUT_MS = 3_000;

    @TempDir
    Path dataDir;

    @Test
    void transactionsInFlightAtAKillEndAllOrNothingAfterTheRestart() throws Exception {
        AtomicReference<Throwable> commitOutcome = new AtomicReference<>();
        TransactionState stateAtKill = null;
        List<String> inCommit = List.of("p0", "p1", "p2");
        try (BrokerProcess first = startBroker()) {
            String bootstrap = "127.0.0.1:" + first.awaitStarted(DEADLINE);
            Admin before = admin(bootstrap);
            before.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
            KafkaProducer<String, String> committed = TransactionalClients.producer(bootstrap, "kill9-committed", 20_000);
            KafkaProducer<String, String> open = TransactionalClients.producer(bootstrap, "kill9-open", OPEN_TIMEOUT_MS);
            KafkaProducer<String, String> committing = TransactionalClients.producer(bootstrap, "kill9-committing", OPEN_TIMEOUT_MS);
            Thread commit = null;
            try {
                committed.initTransactions();
                committed.beginTransaction();
                committed.send(new ProducerRecord<>(TOPIC, 0, "k", "c0"));
                committed.send(new ProducerRecord<>(TOPIC, 1, "k", "c1"));
                committed.commitTransaction();

                open.initTransactions();
                open.beginTransaction();
                open.send(new ProducerRecord<>(TOPIC, 0, "k", "o0")).get();
                open.send(new ProducerRecord<>(TOPIC, 1, "k", "o1")).get();

                committing.initTransactions();
                committing.beginTransaction();
                for (int i = 0; i < inCommit.size(); i++) {
                    committing.send(new ProducerRecord<>(TOPIC, i % 2, "k", inCommit.get(i))).get();
                }
                commit = new Thread(() -> {
                    try {
                        committing.commitTransaction();
                        commitOutcome.set(new Throwable("committed"));
                    } catch (RuntimeException e) {
                        commitOutcome.set(e);
                    }
                }, "kill9-commit");
                commit.start();
                stateAtKill = lastStateWithin(before, "kill9-committing", Duration.ofSeconds(2));
                first.close(); // destroyForcibly: SIGKILL as soon as the coordinator has decided to commit

                commit.join(2_000); // a commit the broker did not answer blocks until the producer is closed
            } finally {
                for (KafkaProducer<String, String> producer : List.of(committed, open, committing)) {
                    producer.close(Duration.ofMillis(200));
                }
                if (commit != null) {
                    commit.join(DEADLINE.toMillis());
                }
                before.close(Duration.ofMillis(200));
            }
        }
        boolean clientSawCommit = commitOutcome.get() != null && "committed".equals(commitOutcome.get().getMessage());

        try (BrokerProcess second = startBroker()) {
            String bootstrap = "127.0.0.1:" + second.awaitStarted(DEADLINE);
            try (Admin admin = admin(bootstrap)) {
                awaitState(admin, "kill9-committed", Set.of(TransactionState.COMPLETE_COMMIT));
                awaitState(admin, "kill9-open", Set.of(TransactionState.COMPLETE_ABORT));
                TransactionState ended = awaitState(admin, "kill9-committing",
                        Set.of(TransactionState.COMPLETE_COMMIT, TransactionState.COMPLETE_ABORT));
                System.out.println("kill -9 during a commit: last seen " + stateAtKill + " before the kill, the client saw "
                        + commitOutcome.get() + ", the coordinator ended " + ended);
                if (clientSawCommit || stateAtKill == TransactionState.PREPARE_COMMIT || stateAtKill == TransactionState.COMPLETE_COMMIT) {
                    assertEquals(TransactionState.COMPLETE_COMMIT, ended, "the coordinator had decided to commit before the kill");
                }
                for (int p = 0; p < 2; p++) {
                    int partition = p;
                    Await.until(DEADLINE, "the last stable offset of partition " + p + " at its log end", () -> {
                        try {
                            return TransactionalClients.lastStableOffset(admin, TOPIC, partition)
                                    == TransactionalClients.endOffset(admin, TOPIC, partition);
                        } catch (Exception e) {
                            return false;
                        }
                    });
                }
                List<String> expected = new ArrayList<>(List.of("c0", "c1"));
                if (ended == TransactionState.COMPLETE_COMMIT) {
                    expected.addAll(inCommit);
                }
                Set<String> readCommitted = Set.copyOf(TransactionalClients.values(
                        TransactionalClients.readAll(bootstrap, TOPIC, 2, "read_committed", expected.size())));
                assertEquals(Set.copyOf(expected), readCommitted, "read_committed after the restart (the commit under way at"
                        + " the kill ended " + ended + ", the client saw " + commitOutcome.get() + ")");

                try (KafkaProducer<String, String> successor = TransactionalClients.producer(bootstrap, "kill9-open", 20_000)) {
                    successor.initTransactions();
                    successor.beginTransaction();
                    successor.send(new ProducerRecord<>(TOPIC, 0, "k", "after-restart"));
                    successor.commitTransaction();
                }
                List<String> afterwards = TransactionalClients.values(
                        TransactionalClients.readAll(bootstrap, TOPIC, 2, "read_committed", expected.size() + 1));
                assertTrue(afterwards.contains("after-restart") && !afterwards.contains("o0") && !afterwards.contains("o1"),
                        afterwards::toString);
                assertEquals(expected.size() + 1, afterwards.size(), afterwards::toString);
            }
        }
    }

    private BrokerProcess startBroker() throws IOException {
        return BrokerProcess.startMainClass(List.of("--override", "listeners=PLAINTEXT://127.0.0.1:0",
                "--override", "log.dirs=" + dataDir.resolve("data"), "--override", "num.io.threads=2",
                "--override", "offsets.topic.num.partitions=3", "--override", "transaction.state.log.num.partitions=3",
                "--override", "transaction.abort.timed.out.transaction.cleanup.interval.ms=200"));
    }

    /** Polls the transaction's state until it leaves Ongoing or {@code within} passes; @return the last state seen */
    private static TransactionState lastStateWithin(Admin admin, String transactionalId, Duration within) {
        TransactionState last = null;
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() - deadline < 0 && (last == null || last == TransactionState.ONGOING)) {
            try {
                last = admin.describeTransactions(List.of(transactionalId)).description(transactionalId).get().state();
            } catch (Exception e) {
                return last;
            }
        }
        return last;
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static TransactionState awaitState(Admin admin, String transactionalId, Set<TransactionState> states) {
        AtomicReference<TransactionState> seen = new AtomicReference<>();
        try {
            Await.until(DEADLINE, transactionalId + " in one of " + states, () -> {
                try {
                    seen.set(admin.describeTransactions(List.of(transactionalId)).description(transactionalId).get().state());
                } catch (Exception e) {
                    return false;
                }
                return states.contains(seen.get());
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last seen " + seen.get(), e);
        }
        return seen.get();
    }
}
