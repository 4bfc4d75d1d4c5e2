package io.samsa.broker.interop.transactions;

import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The Kafka Streams 4.1 application a child JVM runs for {@link StreamsExactlyOnceInteropTest}: a
 * word count with {@code processing.guarantee=exactly_once_v2}. Input records are keyed by their
 * word; the count per word (a RocksDB store with its changelog) goes to the output topic as a long.
 *
 * <p>{@code WordCountApp BOOTSTRAP APPLICATION_ID STATE_DIR INPUT OUTPUT}: prints {@code state RUNNING}
 * (and every other state change) and runs until killed or closed by SIGTERM.
 */
public final class WordCountApp {
    private WordCountApp() {
    }

    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, args[1]);
        props.put(StreamsConfig.STATE_DIR_CONFIG, args[2]);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        // the restarted instance takes the killed one's place at once instead of after its session timeout
        props.put(StreamsConfig.consumerPrefix("group.instance.id"), args[1] + "-instance");
        props.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000);
        // a transaction the killed instance left open holds the changelog's LSO until it times out
        props.put(StreamsConfig.producerPrefix("transaction.timeout.ms"), 5_000);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(args[3], Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey()
                .count()
                .toStream()
                .to(args[4], Produced.with(Serdes.String(), Serdes.Long()));
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        CountDownLatch closed = new CountDownLatch(1);
        streams.setStateListener((newState, oldState) -> System.out.println("state " + newState));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            closed.countDown();
        }));
        streams.start();
        closed.await();
    }
}
