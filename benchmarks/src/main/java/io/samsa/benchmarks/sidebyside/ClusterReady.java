package io.samsa.benchmarks.sidebyside;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;

/**
 * Waits until a cluster's DescribeCluster lists every node: a node's start line comes before its
 * registration with the controller, and a topic with RF=3 created before three brokers are
 * registered is refused with INVALID_REPLICATION_FACTOR (on Kafka as on Samsa). Stateless.
 */
final class ClusterReady {
    private ClusterReady() {
    }

    /** @throws IllegalStateException when fewer than {@code nodes} brokers are listed within {@code timeout} */
    static void awaitBrokers(String bootstrapServers, int nodes, Duration timeout) {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        try (Admin admin = Topics.admin(bootstrapServers)) {
            while (true) {
                try {
                    seen = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
                } catch (ExecutionException | TimeoutException e) {
                    seen = 0; // not answering yet: ask again until the deadline
                }
                if (seen >= nodes) {
                    return;
                }
                if (System.nanoTime() - deadlineNs > 0) {
                    throw new IllegalStateException(seen + " of " + nodes + " brokers registered after " + timeout);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
