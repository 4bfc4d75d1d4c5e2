package io.samsa.metadata.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A leak-detector factory for our Netty (io.netty) that records every report. Thread-safe.
 */
final class OurNettyLeakDetectors extends ResourceLeakDetectorFactory {
    private final LeakReports sink;
    private final Set<Class<?>> watched = ConcurrentHashMap.newKeySet();

    OurNettyLeakDetectors(LeakReports sink) {
        this.sink = sink;
    }

    void install() {
        if (ResourceLeakDetectorFactory.instance() != this) {
            ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(this);
        }
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    boolean watchesBuffers() {
        return watched.contains(ByteBuf.class);
    }

    /** Allocates, which is when detectors poll their queues of collected, unreleased objects. */
    static void poll() {
        for (ByteBufAllocator allocator : new ByteBufAllocator[] {ByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT}) {
            allocator.buffer(8).release();
            allocator.directBuffer(8).release();
        }
    }

    @Override
    @SuppressWarnings("deprecation")
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
        return newResourceLeakDetector(resource, samplingInterval);
    }

    @Override
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
        watched.add(resource);
        return new ResourceLeakDetector<>(resource, samplingInterval) {
            @Override
            protected boolean needReport() {
                return true;
            }

            @Override
            protected void reportTracedLeak(String resourceType, String records) {
                sink.add("LEAK (io.netty): " + resourceType + " was not released" + records);
            }

            @Override
            protected void reportUntracedLeak(String resourceType) {
                sink.add("LEAK (io.netty): " + resourceType + " was not released");
            }
        };
    }
}
