package io.samsa.broker.interop.transactions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.Broker;
import io.samsa.broker.BrokerAssembly;
import io.samsa.broker.interop.groups.KafkaTool;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.Time;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.tools.ProducerPerformance;
import org.apache.kafka.tools.TransactionsCommand;
import org.apache.kafka.tools.consumer.ConsoleConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka 4.1's own tools (kafka-tools, test scope, each in a child JVM) on transactions against one
 * in-process broker: {@code kafka-transactions list} with its duration and id-pattern filters and
 * {@code describe}, the same filters through Admin, {@code ProducerPerformance --transactional-id
 * --transaction-duration-ms} running to completion with every record committed, and
 * {@code kafka-console-consumer --isolation-level read_committed} skipping an aborted transaction.
 */
class TransactionToolsInteropTest {
    private static final Pattern PERF_SUMMARY = Pattern.compile("^(\\d+) records sent, .*50th");

    @TempDir
    static Path dataDir;
    private static Broker broker;
    private static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        broker = BrokerAssembly.build(TestBrokers.config(Map.of("log.dirs", dataDir.toString(),
                "transaction.state.log.num.partitions", "3",
                // the console consumer joins a group of its own: no initial delay for it
                "group.initial.rebalance.delay.ms", "0")), Time.SYSTEM).start();
        admin = TestBrokers.admin(broker);
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static String bootstrap() {
        return "127.0.0.1:" + broker.boundPort();
    }

    private static void createTopic(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }

    @Test
    void kafkaTransactionsListsWithFiltersAndDescribes() throws Exception {
        String topic = "tools-txn";
        createTopic(topic, 2);
        try (KafkaProducer<String, String> open = TransactionalClients.producer(bootstrap(), "tools-open", 60_000);
             KafkaProducer<String, String> done = TransactionalClients.producer(bootstrap(), "tools-done", 60_000)) {
            done.initTransactions();
            done.beginTransaction();
            done.send(new ProducerRecord<>(topic, 0, "k", "done"));
            done.commitTransaction();
            long doneStartedNs = System.nanoTime();
            open.initTransactions();
            Await.until(Duration.ofSeconds(10), "tools-done started 4 s ago",
                    () -> System.nanoTime() - doneStartedNs > Duration.ofMillis(4_000).toNanos());
            open.beginTransaction();
            open.send(new ProducerRecord<>(topic, 0, "k", "open-0")).get();
            open.send(new ProducerRecord<>(topic, 1, "k", "open-1")).get();
            long openStartedNs = System.nanoTime();
            Await.until(Duration.ofSeconds(10), "tools-open running for 300 ms",
                    () -> System.nanoTime() - openStartedNs > Duration.ofMillis(300).toNanos());

            // As on Kafka, the duration filter compares the start of each id's latest transaction, ended or not.
            assertEquals(Set.of("tools-done"), ids(admin.listTransactions(new ListTransactionsOptions().filterOnDuration(2_000)).all().get()));
            assertEquals(Set.of("tools-open", "tools-done"), ids(admin.listTransactions(
                    new ListTransactionsOptions().filterOnDuration(100)).all().get()));
            assertEquals(Set.of("tools-open"), ids(admin.listTransactions(
                    new ListTransactionsOptions().filterStates(List.of(TransactionState.ONGOING)).filterOnDuration(100)).all().get()));
            assertEquals(Set.of("tools-done"), ids(admin.listTransactions(
                    new ListTransactionsOptions().filterOnTransactionalIdPattern("tools-d.*")).all().get()));
            assertEquals(Set.of("tools-done"), ids(admin.listTransactions(
                    new ListTransactionsOptions().filterStates(List.of(TransactionState.COMPLETE_COMMIT))).all().get()));

            // the tool passes its --duration-filter on (the filter's meaning is checked above through Admin, which
            // answers in milliseconds; a tool's JVM start-up takes seconds, too long to race two ages): an hour
            // lists nothing, no filter lists both
            assertEquals(Set.of(), listedIds(tool("list", "--duration-filter", String.valueOf(Duration.ofHours(1).toMillis()))));
            assertEquals(Set.of("tools-open", "tools-done"), listedIds(tool("list")));
            assertEquals(Set.of("tools-done"), listedIds(tool("list", "--transactional-id-pattern", "tools-d.*")));

            List<String> describedOpen = rows(tool("describe", "--transactional-id", "tools-open"));
            assertEquals(1, describedOpen.size(), describedOpen::toString);
            String row = describedOpen.get(0);
            assertTrue(row.contains("Ongoing") && row.contains("60000") && row.contains(topic + "-0") && row.contains(topic + "-1"), row);
            List<String> describedDone = rows(tool("describe", "--transactional-id", "tools-done"));
            assertTrue(describedDone.size() == 1 && describedDone.get(0).contains("CompleteCommit"), describedDone::toString);
            open.commitTransaction();
        }
    }

    @Test
    void producerPerformanceWithTransactionsRunsToCompletionAndCommitsEveryRecord() throws Exception {
        String topic = "tools-perf-txn";
        int records = 20_000;
        createTopic(topic, 2);
        KafkaTool perf = KafkaTool.run(ProducerPerformance.class, "--topic", topic, "--num-records", String.valueOf(records),
                "--record-size", "100", "--throughput", "-1", "--transactional-id", "tools-perf",
                "--transaction-duration-ms", "100", "--producer-props", "bootstrap.servers=" + bootstrap());
        assertEquals(0, perf.exitCode(), perf::describe);
        Matcher summary = perf.lines().stream().map(line -> PERF_SUMMARY.matcher(line.trim())).filter(Matcher::find)
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no summary line:\n" + perf.describe()));
        assertEquals(records, Integer.parseInt(summary.group(1)), perf::describe);

        assertEquals(records, TransactionalClients.readAll(bootstrap(), topic, 2, "read_committed", records).size());
        long markers = 0;
        for (int p = 0; p < 2; p++) {
            long end = TransactionalClients.endOffset(admin, topic, p);
            assertEquals(end, TransactionalClients.lastStableOffset(admin, topic, p), "no transaction holds partition " + p);
            markers += end;
        }
        markers -= records;
        assertTrue(markers >= 2, "each transaction ends with a marker per partition it wrote: " + markers);
        Await.until(Duration.ofSeconds(10), "tools-perf complete", () -> {
            try {
                return admin.describeTransactions(List.of("tools-perf")).description("tools-perf").get().state()
                        == TransactionState.COMPLETE_COMMIT;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void consoleConsumerWithReadCommittedSkipsTheAbortedTransaction() throws Exception {
        String topic = "tools-console";
        createTopic(topic, 1);
        try (KafkaProducer<String, String> producer = TransactionalClients.producer(bootstrap(), "tools-console", 20_000)) {
            producer.initTransactions();
            for (String value : List.of("committed-1", "aborted", "committed-2")) {
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, 0, "k", value));
                if (value.equals("aborted")) {
                    producer.flush();
                    producer.abortTransaction();
                } else {
                    producer.commitTransaction();
                }
            }
        }
        assertEquals(List.of("committed-1", "committed-2"), consoleConsumer(topic, "read_committed", 2),
                "the aborted record would be the second line if it were visible");
        assertEquals(List.of("committed-1", "aborted", "committed-2"), consoleConsumer(topic, "read_uncommitted", 3));
    }

    private static List<String> consoleConsumer(String topic, String isolation, int maxMessages) throws Exception {
        KafkaTool consumer = KafkaTool.run(ConsoleConsumer.class, "--bootstrap-server", bootstrap(), "--topic", topic,
                "--from-beginning", "--isolation-level", isolation, "--max-messages", String.valueOf(maxMessages),
                "--timeout-ms", "20000");
        assertEquals(0, consumer.exitCode(), consumer::describe);
        return consumer.lines();
    }

    private static KafkaTool tool(String... args) throws Exception {
        String[] withBootstrap = new String[args.length + 2];
        withBootstrap[0] = "--bootstrap-server";
        withBootstrap[1] = bootstrap();
        System.arraycopy(args, 0, withBootstrap, 2, args.length);
        KafkaTool tool = KafkaTool.run(TransactionsCommand.class, withBootstrap);
        assertEquals(0, tool.exitCode(), tool::describe);
        return tool;
    }

    /** @return the table rows under the tool's header line */
    private static List<String> rows(KafkaTool tool) {
        List<String> lines = tool.lines().stream().filter(line -> !line.isBlank()).toList();
        assertTrue(!lines.isEmpty() && (lines.get(0).startsWith("CoordinatorId") || lines.get(0).startsWith("TransactionalId")),
                tool::describe);
        return lines.subList(1, lines.size());
    }

    /** @return the first column (TransactionalId) of {@code kafka-transactions list}'s rows, of this test's two ids */
    private static Set<String> listedIds(KafkaTool list) {
        return ofListingTest(rows(list).stream().map(line -> line.trim().split("\\s+")[0]));
    }

    private static Set<String> ids(Collection<TransactionListing> listings) {
        return ofListingTest(listings.stream().map(TransactionListing::transactionalId));
    }

    /** The other tests of the class share the broker: only the listing test's own ids are compared. */
    private static Set<String> ofListingTest(java.util.stream.Stream<String> ids) {
        return ids.filter(id -> id.equals("tools-open") || id.equals("tools-done")).collect(Collectors.toSet());
    }
}
