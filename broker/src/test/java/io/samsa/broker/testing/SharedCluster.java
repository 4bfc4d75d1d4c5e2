package io.samsa.broker.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * One {@link SamsaCluster} for a whole test class, as a JUnit extension: started before the class's
 * first test in a temp directory of its own, killed and deleted after its last; the nodes' log tails
 * are printed when a test fails. For existing single-broker test classes that get a cluster variant by
 * subclassing:
 * {@code @RegisterExtension static final SharedCluster CLUSTER = new SharedCluster(b -> b.nodes(3));}
 *
 * <p>Not thread-safe: JUnit runs one class at a time here.
 */
public final class SharedCluster implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {
    private final UnaryOperator<SamsaCluster.Builder> settings;
    private final boolean onlyOnCluster;
    private Path dir;
    private SamsaCluster cluster;

    /** @param settings what to set on the builder (node count, overrides, proxies) before it starts */
    public SharedCluster(UnaryOperator<SamsaCluster.Builder> settings) {
        this(settings, false);
    }

    private SharedCluster(UnaryOperator<SamsaCluster.Builder> settings, boolean onlyOnCluster) {
        this.settings = settings;
        this.onlyOnCluster = onlyOnCluster;
    }

    /**
     * For a single-broker test base class: starts the cluster only for a test class marked
     * {@link OnCluster}, so the base class's own tests pay nothing.
     */
    public static SharedCluster whenOnCluster(UnaryOperator<SamsaCluster.Builder> settings) {
        return new SharedCluster(settings, true);
    }

    /** @return whether the cluster runs (for this test class) */
    public boolean isRunning() {
        return cluster != null;
    }

    /** @return the running cluster (only between the class's first and last test) */
    public SamsaCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("the shared cluster runs only while its test class runs");
        }
        return cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (onlyOnCluster && !context.getRequiredTestClass().isAnnotationPresent(OnCluster.class)) {
            return;
        }
        dir = Files.createTempDirectory("samsa-cluster-");
        cluster = settings.apply(SamsaCluster.builder(dir)).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
        deleteRecursively(dir);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        new ClusterLogsOnFailure(() -> cluster).handleTestExecutionException(context, failure);
    }

    private static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
