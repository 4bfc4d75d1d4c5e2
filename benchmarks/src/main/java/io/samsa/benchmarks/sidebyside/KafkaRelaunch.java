package io.samsa.benchmarks.sidebyside;

import io.samsa.client.testing.KafkaBrokerLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;

/**
 * Starts Kafka again on the {@code log.dirs} of a broker the client test harness started and that
 * has been stopped: same {@code server.properties} (so the same ports and directories), same cluster
 * id (the harness would format with a fresh one, which Kafka refuses on an existing directory), same
 * launcher ({@link KafkaBrokerLauncher}, whose format step skips a formatted directory).
 *
 * <p>Stateless.
 */
final class KafkaRelaunch {
    private KafkaRelaunch() {
    }

    /**
     * @param serverProperties the text of the harness's {@code server.properties}
     * @return the running broker, ready when DescribeCluster lists it
     * @throws IllegalStateException with the log's tail when Kafka does not come up in time
     */
    static KafkaBrokerProcess start(List<String> jvmArgs, String serverProperties, String clusterId, String bootstrapServers,
                                    Duration timeout) {
        Path dir = ChildJvm.tempDir("samsa-kafka-relaunch-");
        Path log = dir.resolve("kafka.log");
        Process process = null;
        try {
            Path props = Files.writeString(dir.resolve("server.properties"), serverProperties, StandardCharsets.UTF_8);
            List<String> command = ChildJvm.command(
                concat(jvmArgs, "-Djava.awt.headless=true", "-Dkafka.logs.dir=" + dir.resolve("logs")),
                KafkaBrokerLauncher.class.getName(), List.of(props.toString(), clusterId));
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
            awaitReady(process, bootstrapServers, timeout);
            Process running = process;
            return new KafkaBrokerProcess(bootstrapServers, process.pid(), jvmArgs, serverProperties, clusterId, () -> {
                ChildJvm.stop(running, 10);
                ChildJvm.deleteRecursively(dir);
            });
        } catch (IOException | RuntimeException e) {
            String tail = ChildJvm.tail(log, 40);
            if (process != null) {
                process.destroyForcibly();
            }
            ChildJvm.deleteRecursively(dir);
            throw new IllegalStateException("Kafka did not restart: " + e + "\n--- kafka.log tail ---\n" + tail, e);
        }
    }

    private static List<String> concat(List<String> jvmArgs, String... more) {
        return Stream.concat(jvmArgs.stream(), Arrays.stream(more)).toList();
    }

    private static void awaitReady(Process process, String bootstrapServers, Duration timeout) {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        // the port first: an Admin client would log a warning for every refused connection
        while (!portAnswers(bootstrapServers)) {
            checkAlive(process, deadlineNs, timeout);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        // Admin retries DescribeCluster by itself until the broker answers or the timeout passes
        long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime()));
        try (Admin admin = Topics.admin(bootstrapServers)) {
            KafkaFuture<Collection<Node>> nodes = admin.describeCluster(new DescribeClusterOptions()
                .timeoutMs((int) Math.min(Integer.MAX_VALUE, remainingMs))).nodes();
            while (!nodes.isDone()) {
                checkAlive(process, deadlineNs, timeout);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            if (nodes.get().isEmpty()) {
                throw new IllegalStateException("Kafka answered DescribeCluster without any broker");
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not answer DescribeCluster: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    private static void checkAlive(Process process, long deadlineNs, Duration timeout) {
        if (!process.isAlive()) {
            throw new IllegalStateException("the Kafka process exited with code " + process.exitValue());
        }
        if (System.nanoTime() - deadlineNs > 0) {
            throw new IllegalStateException("Kafka was not ready in " + timeout.toSeconds() + " s");
        }
    }

    private static boolean portAnswers(String bootstrapServers) {
        int colon = bootstrapServers.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(bootstrapServers.substring(0, colon),
                Integer.parseInt(bootstrapServers.substring(colon + 1))), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
