package io.samsa.broker.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import io.netty.util.ResourceLeakTracker;
import io.samsa.protocol.testing.Await;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proves the guard's detectors catch a leak, using a private factory and sink so the deliberate
 * leak never reaches the JVM-wide guard and the suite stays green.
 */
class NettyLeakGuardTest {

    /** The tracked resource that is leaked on purpose. */
    static final class Probe {
    }

    @Test
    void guardIsInstalledAndWatchesByteBufs() {
        ByteBufAllocator.DEFAULT.buffer(1).release();
        assertTrue(ResourceLeakDetectorFactory.instance() instanceof RecordingLeakDetectorFactory,
                "the guard's factory is the JVM-wide one");
        assertTrue(NettyLeakGuard.isWatching(ByteBuf.class), "Netty's ByteBuf detector came from the guard's factory");
        assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel());
    }

    @Test
    void recordingDetectorCapturesALeakedResource() {
        LeakReports isolated = new LeakReports();
        ResourceLeakDetector<Probe> detector = new RecordingLeakDetectorFactory(isolated, false).newResourceLeakDetector(Probe.class, 1);
        leakOneProbe(detector);

        Await.until(Duration.ofSeconds(20), "the leaked probe to be reported", () -> {
            System.gc();
            Probe healthy = new Probe();
            ResourceLeakTracker<Probe> tracker = detector.track(healthy); // tracking polls the leak queue
            tracker.close(healthy);
            return !isolated.isEmpty();
        });
        List<String> reports = isolated.drain();
        assertEquals(1, reports.size(), "exactly the one leak: " + reports);
        assertTrue(reports.get(0).contains(Probe.class.getSimpleName()), reports.get(0));
        assertTrue(NettyLeakGuard.reports().isEmpty(), "the deliberate leak stayed out of the JVM-wide guard");
    }

    private static void leakOneProbe(ResourceLeakDetector<Probe> detector) {
        ResourceLeakTracker<Probe> tracker = detector.track(new Probe());
        tracker.record("deliberately leaked by NettyLeakGuardTest");
        // neither closed nor referenced any more: collectable, hence reported as a leak
    }
}
