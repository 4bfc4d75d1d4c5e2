package io.samsa.metadata.testing;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reports a leaked buffer during or around it: both our Netty and
 * the shaded copy inside Ratis (whose gRPC transport carries the quorum's traffic). Registered for
 * every test class by JUnit's extension auto-detection
 * ({@code META-INF/services/org.junit.jupiter.api.extension.Extension}), like the broker's guard,
 * whose shape it follows (the module cannot depend on the broker's test classes).
 *
 * <p>Thread-safe; one sink per JVM.
 */
public final class NettyLeakGuard implements BeforeAllCallback, AfterAllCallback {
    private static final LeakReports REPORTS = new LeakReports();
    private static final OurNettyLeakDetectors OURS = new OurNettyLeakDetectors(REPORTS);
    private static final RatisNettyLeakDetectors RATIS = new RatisNettyLeakDetectors(REPORTS);
    private static final int DETECTION_ROUNDS = 3;
    private static final long GC_WAIT_MS = 2_000;

    static {
        OURS.install();
        RATIS.install();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        OURS.install();
        RATIS.install();
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        forceLeakDetection();
        if (!OURS.watchesBuffers() || !RATIS.watchesBuffers()) {
            throw new AssertionError("NettyLeakGuard is not watching ByteBufs: a leak detector was created before it");
        }
        List<String> leaks = drainReports();
        if (!leaks.isEmpty()) {
            throw new AssertionError("Netty reported " + leaks.size() + " leak(s) during or before "
                    + context.getDisplayName() + ":\n" + String.join("\n\n", leaks));
        }
    }

    /**
     * Makes leaked-and-collected buffers get reported now: collect garbage, wait until the collector
     * has enqueued a sentinel (so the leaked trackers are queued too), then allocate from both
     * Nettys, which is when their detectors poll.
     */
    static void forceLeakDetection() throws InterruptedException {
        for (int round = 0; round < DETECTION_ROUNDS; round++) {
            ReferenceQueue<Object> queue = new ReferenceQueue<>();
            WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
            System.gc();
            queue.remove(GC_WAIT_MS);
            sentinel.clear();
            OurNettyLeakDetectors.poll();
            RatisNettyLeakDetectors.poll();
        }
    }

    /** @return the reports so far, forgetting them */
    static List<String> drainReports() {
        return REPORTS.drain();
    }
}
