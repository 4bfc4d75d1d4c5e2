package io.samsa.client.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Apache Kafka 4.1 (KRaft, combined broker and controller) on 127.0.0.1, for
 * interop tests and benchmarks.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * static KafkaBroker kafka;
 *
 * @BeforeAll static void startKafka() { kafka = KafkaBroker.start(); }
 * @AfterAll  static void stopKafka()  { kafka.close(); }
 *
 * props.put("bootstrap.servers", kafka.bootstrapServers());   // "127.0.0.1:<port>"
 * }</pre>
 * or {@code KafkaBroker.builder().config("num.partitions", "3").jvmArg("-Xmx2g").start()} for
 * other settings. Start one per test class: a start costs about 5-15 s.
 *
 * <h2>How</h2>
 * A child JVM ({@code java} from {@code java.home}, the test class path, main class
 * {@link KafkaBrokerLauncher}) formats a fresh temporary log directory with Kafka's storage tool
 * and runs {@code kafka.Kafka}. Both listeners (PLAINTEXT for clients, CONTROLLER for KRaft) get free
 * ports on 127.0.0.1. {@link #start} returns once a kafka-clients admin sees the broker in
 * DescribeCluster, so the broker is ready for topic creation and produce. The child's output goes to
 * {@code kafka.log} in the temporary directory, which is quoted when the start fails.
 *
 * <p>Defaults keep a single node fast: replication factors 1, {@code num.partitions=1},
 * {@code offsets.topic.num.partitions=1} (the first group operation creates just one partition),
 * {@code group.initial.rebalance.delay.ms=0}.
 *
 * <p>{@link #close} stops the broker (SIGTERM, then kill after 10 s) and deletes the directory. If
 * the test JVM dies, the child notices its standard input closing and exits.
 *
 * <p>{@link #kill} ends the child with SIGKILL (no shutdown, no flush) and {@link #restart} launches
 * it again with the same command: same log directory, same ports, same cluster id, so clients
 * reconnect to the address they know and Kafka recovers its logs after an unclean shutdown.
 *
 * <p>Thread-safe for reading; start, kill, restart and close from one thread.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final List<String> command;
    private final int brokerPort;
    private final String clusterId;
    private volatile Process process;

    private KafkaBroker(Path dir, List<String> command, Process process, int brokerPort, String clusterId) {
        this.dir = dir;
        this.command = command;
        this.process = process;
        this.brokerPort = brokerPort;
        this.clusterId = clusterId;
    }

    /** Starts a broker with the default settings. */
    public static KafkaBroker start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1:<port>} of the PLAINTEXT listener. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public int port() {
        return brokerPort;
    }

    /** The cluster id the log directory was formatted with (base64 UUID, as Kafka prints it). */
    public String clusterId() {
        return clusterId;
    }

    /** The broker's node id (always 1). */
    public int nodeId() {
        return 1;
    }

    /** The child's combined stdout and stderr. */
    public Path logFile() {
        return dir.resolve("kafka.log");
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** kill -9: {@code destroyForcibly} (SIGKILL), then waits up to 10 s for the process to be gone. */
    public void kill() {
        ChildProcesses.kill(process, "Kafka process");
    }

    /**
     * Starts Kafka again on the same log directory and ports (after {@link #kill}, or after it died)
     * and waits until it is ready, as {@link Builder#start} does; the log file keeps growing.
     */
    public void restart(Duration timeout) {
        if (process.isAlive()) {
            throw new IllegalStateException("Kafka is still running; kill it first");
        }
        process = startProcess(dir, command);
        try {
            awaitReady(this, timeout);
        } catch (RuntimeException | Error e) {
            ChildProcesses.kill(process, "Kafka process");
            throw new IllegalStateException("Kafka did not restart: " + e.getMessage() + "\n--- kafka.log tail ---\n"
                + ChildProcesses.logTail(logFile()), e);
        }
    }

    @Override
    public void close() {
        try {
            ChildProcesses.stop(process);
        } finally {
            deleteRecursively(dir);
        }
    }

    /** Settings of a broker to start. Not thread-safe. */
    public static final class Builder {
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>(List.of("-Xmx768m", "-XX:+UseSerialGC"));
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private String classPath;

        /** Sets or overrides one server.properties entry. */
        public Builder config(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        /** Adds an argument to the child JVM's command line (heap, GC, system properties). */
        public Builder jvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }

        /** Replaces the default JVM arguments ({@code -Xmx768m -XX:+UseSerialGC}). */
        public Builder jvmArgs(List<String> args) {
            jvmArgs.clear();
            jvmArgs.addAll(args);
            return this;
        }

        /**
         * The child's class path. Default: {@code surefire.test.class.path} under Maven Surefire, else
         * {@code java.class.path}; it must hold kafka_2.13 4.1 with its dependencies and this class.
         */
        public Builder classPath(String path) {
            classPath = path;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            startTimeout = timeout;
            return this;
        }

        /** Formats, starts and waits for the broker; throws (with the log's tail) when it does not come up. */
        public KafkaBroker start() {
            Path dir;
            try {
                dir = Files.createTempDirectory("samsa-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int brokerPort = ChildProcesses.freePort();
            int controllerPort = ChildProcesses.freePort();
            String clusterId = Uuid.randomUuid().toString();
            Process process = null;
            try {
                Path props = writeProperties(dir, brokerPort, controllerPort);
                List<String> command = command(dir, props, clusterId);
                process = startProcess(dir, command);
                KafkaBroker broker = new KafkaBroker(dir, command, process, brokerPort, clusterId);
                awaitReady(broker, startTimeout);
                return broker;
            } catch (RuntimeException | Error e) {
                String tail = ChildProcesses.logTail(dir.resolve("kafka.log"));
                if (process != null) {
                    process.destroyForcibly();
                }
                deleteRecursively(dir);
                throw new IllegalStateException("Kafka did not start: " + e.getMessage() + "\n--- kafka.log tail ---\n" + tail, e);
            }
        }

        private Path writeProperties(Path dir, int brokerPort, int controllerPort) {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("log.dirs", dir.resolve("data").toString());
            props.put("num.partitions", "1");
            props.put("default.replication.factor", "1");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "1");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("transaction.state.log.num.partitions", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("auto.create.topics.enable", "true");
            props.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
            props.putAll(overrides);
            return writeServerProperties(dir, props);
        }

        private List<String> command(Path dir, Path props, String clusterId) {
            return childCommand(jvmArgs, classPath, dir, props, clusterId, false);
        }
    }

    /**
     * The child JVM's command line: {@link KafkaBrokerLauncher} on {@code props}, with the test class
     * path unless {@code classPath} is given; {@code staticVoters} for a node of a {@link KafkaCluster}.
     */
    static List<String> childCommand(List<String> jvmArgs, String classPath, Path dir, Path props, String clusterId,
                                     boolean staticVoters) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String path = classPath != null ? classPath
            : System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmArgs);
        command.add("-Djava.awt.headless=true");
        command.add("-Dkafka.logs.dir=" + dir.resolve("logs"));
        command.add("-cp");
        command.add(path);
        command.add(KafkaBrokerLauncher.class.getName());
        command.add(props.toString());
        command.add(clusterId);
        if (staticVoters) {
            command.add("static");
        }
        return List.copyOf(command);
    }

    /** Writes {@code server.properties} into {@code dir}. */
    static Path writeServerProperties(Path dir, Map<String, String> props) {
        Properties properties = new Properties();
        properties.putAll(props);
        Path file = dir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "generated by samsa KafkaBroker");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Launches the child; output is appended to {@code kafka.log}, so a restart keeps the earlier run's lines. */
    static Process startProcess(Path dir, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("kafka.log").toFile()));
        builder.environment().put("CLASSPATH", "");
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    /** Waits for the port to accept connections, then for DescribeCluster to list the broker. */
    private static void awaitReady(KafkaBroker broker, Duration timeout) {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (!ChildProcesses.portAnswers(broker.brokerPort)) {
            checkAlive(broker, deadlineNs);
            pause(100);
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(props)) {
            while (true) {
                checkAlive(broker, deadlineNs);
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Kafka", e);
                } catch (Exception notYet) {
                    pause(100);
                }
            }
        }
    }

    private static void checkAlive(KafkaBroker broker, long deadlineNs) {
        if (!broker.process.isAlive()) {
            throw new IllegalStateException("the Kafka process exited with code " + broker.process.exitValue());
        }
        if (deadlineNs - System.nanoTime() <= 0) {
            throw new IllegalStateException("Kafka was not ready in time");
        }
    }

    /** Waiting on an external process that offers no completion signal; never used to wait for our own code. */
    static void pause(long ms) {
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    /** Deletes a temporary directory tree, best effort; shared with {@link SamsaBrokerUnderTest}. */
    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp dir left behind is not worth failing a test for
        }
    }

    @Override
    public String toString() {
        return "KafkaBroker(" + bootstrapServers() + ", cluster " + clusterId + ", dir " + dir + ")";
    }
}
