package io.samsa.broker.testing;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Prints the tail of every node's log to stderr (the surefire report) and copies the whole logs to
 * {@code target/cluster-logs/<class>-<method>/} when a test, or a set-up or tear-down method, of a
 * class using a {@link SamsaCluster} fails, then rethrows. Register it with
 * {@code @RegisterExtension static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure(() -> cluster);}.
 *
 * <p>Thread-safe as far as the supplier is.
 */
public final class ClusterLogsOnFailure implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    private final Supplier<SamsaCluster> cluster;

    public ClusterLogsOnFailure(Supplier<SamsaCluster> cluster) {
        this.cluster = cluster;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw printed(context, failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw printed(context, failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw printed(context, failure);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw printed(context, failure);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw printed(context, failure);
    }

    private Throwable printed(ExtensionContext context, Throwable failure) {
        SamsaCluster now = cluster.get();
        if (now != null) {
            Path copies = Path.of("target", "cluster-logs", context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getTestMethod().map(Method::getName).orElse("class"));
            try {
                now.copyLogsTo(copies);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
            System.err.println("==== " + context.getDisplayName() + " failed: " + failure + "\n(whole node logs in "
                    + copies.toAbsolutePath() + ")\n" + now.logTails());
        }
        return failure;
    }
}
