package io.samsa.benchmarks.broker;

import io.samsa.broker.Broker;
import io.samsa.broker.BrokerAssembly;
import io.samsa.broker.config.BrokerConfig;
import io.samsa.protocol.header.Frames;
import io.samsa.protocol.header.RequestHeader;
import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.message.ProduceRequest;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatchBuilder;
import io.samsa.protocol.types.ApiMessage;
import io.samsa.protocol.util.Time;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The real broker (through {@link BrokerAssembly}) on 127.0.0.1, one client connection, request
 * round trips: Produce of one 16 KiB batch (acks=1, appended as received) and Fetch of up to
 * 1 MiB from the start of a 4 MiB log (sent with sendfile). Each op writes a pre-encoded request
 * frame and reads the whole response frame, so it measures the broker's path plus loopback TCP.
 *
 * <pre>
 * mvn -B -ntp -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar BrokerDataPlaneBenchmark -f 1 -wi 2 -i 3 -r 2s -w 2s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BrokerDataPlaneBenchmark {
    private static final String TOPIC = "bench";

    @Param({"16384"})
    public int batchBytes;

    private Path dir;
    private Broker broker;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;
    private byte[] produceFrame;
    private byte[] fetchFrame;
    private byte[] responseBuffer = new byte[2 << 20];

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory(Path.of(System.getProperty("samsa.bench.dir", System.getProperty("java.io.tmpdir"))),
                "samsa-broker-bench");
        broker = BrokerAssembly.build(BrokerConfig.of(Map.of("listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", dir.toString())), Time.SYSTEM).start();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + broker.boundPort());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", broker.boundPort()));
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        produceFrame = frame(produce(batch(batchBytes)), 9);
        fetchFrame = frame(fetch(), 12);
        for (int i = 0; i < (4 << 20) / batchBytes; i++) {
            roundTrip(produceFrame);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        socket.close();
        broker.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public int produce16KiBAcks1() throws IOException {
        return roundTrip(produceFrame);
    }

    @Benchmark
    public int fetch1MiB() throws IOException {
        return roundTrip(fetchFrame);
    }

    private int roundTrip(byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
        int size = in.readInt();
        if (size > responseBuffer.length) {
            responseBuffer = new byte[size];
        }
        in.readFully(responseBuffer, 0, size);
        return size;
    }

    private static byte[] frame(ApiMessage request, int version) {
        ByteBuffer frame = Frames.encodeRequest(new RequestHeader(request.apiKey(), (short) version, 1, "bench"), request);
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return bytes;
    }

    private static ByteBuffer batch(int bytes) {
        RecordBatchBuilder builder = RecordBatchBuilder.create(CompressionType.NONE);
        int records = 16;
        byte[] value = new byte[Math.max(1, bytes / records - 20)];
        for (int i = 0; i < records; i++) {
            builder.append(System.currentTimeMillis(), null, value);
        }
        return builder.build();
    }

    private static ProduceRequest produce(ByteBuffer batch) {
        return new ProduceRequest().setAcks((short) 1).setTimeoutMs(30_000).setTopicData(new ArrayList<>(List.of(
                new ProduceRequest.TopicProduceData().setName(TOPIC).setPartitionData(new ArrayList<>(List.of(
                        new ProduceRequest.PartitionProduceData().setIndex(0).setRecords(new MemoryRecords(batch))))))));
    }

    private static FetchRequest fetch() {
        return new FetchRequest().setReplicaId(-1).setMaxWaitMs(0).setMinBytes(1).setMaxBytes(1 << 20)
                .setSessionId(0).setSessionEpoch(-1).setTopics(new ArrayList<>(List.of(new FetchRequest.FetchTopic()
                        .setTopic(TOPIC).setPartitions(new ArrayList<>(List.of(new FetchRequest.FetchPartition()
                                .setPartition(0).setFetchOffset(0).setPartitionMaxBytes(1 << 20)))))));
    }
}
