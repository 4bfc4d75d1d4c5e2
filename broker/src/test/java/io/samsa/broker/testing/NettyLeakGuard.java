package io.samsa.broker.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reports a leaked buffer (or any other tracked resource) during or
 * around it. Registered for every test class by JUnit's extension auto-detection
 * ({@code META-INF/services/org.junit.jupiter.api.extension.Extension}).
 *
 * <p>It installs a {@link RecordingLeakDetectorFactory} before Netty creates its buffer leak
 * detector (the first extension callback runs before any test touches a ByteBuf), sets the level
 * to paranoid (every buffer tracked), and after each class collects garbage and allocates a few
 * times, since Netty only reports a leak on a later allocation after the leaked object was
 * collected. Leaks are attributed to the class after which they are found.
 *
 * <p>Thread-safe; one global sink per JVM.
 */
public final class NettyLeakGuard implements BeforeAllCallback, AfterAllCallback {
    private static final LeakReports REPORTS = new LeakReports();
    private static final RecordingLeakDetectorFactory FACTORY = new RecordingLeakDetectorFactory(REPORTS, true);
    private static final int DETECTION_ROUNDS = 4;
    private static final long GC_WAIT_MS = 2_000;

    static {
        install();
    }

    private static synchronized void install() {
        if (ResourceLeakDetectorFactory.instance() != FACTORY) {
            ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(FACTORY);
        }
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        forceLeakDetection();
        if (!FACTORY.createdDetectorFor(ByteBuf.class)) {
            throw new AssertionError("NettyLeakGuard is not watching ByteBufs: Netty's buffer leak detector was"
                    + " created before the guard was installed");
        }
        List<String> leaks = REPORTS.drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError("Netty reported " + leaks.size() + " leak(s) during or before "
                    + context.getDisplayName() + ":\n" + String.join("\n\n", leaks));
        }
    }

    /**
     * Makes leaked-and-collected resources get reported now: collect garbage, wait until the
     * collector has enqueued a sentinel reference (so the leaked trackers' references are queued
     * too), then allocate, which is when detectors poll their queues.
     */
    public static void forceLeakDetection() throws InterruptedException {
        for (int round = 0; round < DETECTION_ROUNDS; round++) {
            ReferenceQueue<Object> queue = new ReferenceQueue<>();
            WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
            System.gc();
            queue.remove(GC_WAIT_MS);
            sentinel.clear();
            for (ByteBufAllocator allocator : List.of(ByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT,
                    UnpooledByteBufAllocator.DEFAULT)) {
                allocator.buffer(8).release();
                allocator.directBuffer(8).release();
            }
            Unpooled.buffer(8).release();
        }
    }

    /** @return the sink of the JVM-wide factory (for the guard's own test) */
    static LeakReports reports() {
        return REPORTS;
    }

    /** @return whether the guard's factory made Netty's detector for {@code resource} */
    public static boolean isWatching(Class<?> resource) {
        return FACTORY.createdDetectorFor(resource);
    }
}
