package io.samsa.broker.testing;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A leak-detector factory whose detectors, besides logging as usual, record every leak report in
 * a {@link LeakReports}, so a test run can fail on it instead of leaving it in a log.
 *
 * <p>Thread-safe.
 */
public final class RecordingLeakDetectorFactory extends ResourceLeakDetectorFactory {
    private final LeakReports sink;
    private final boolean alsoLog;
    private final Set<Class<?>> resourceTypes = ConcurrentHashMap.newKeySet();

    /**
     * @param sink    receives every report
     * @param alsoLog whether detectors also log reports as Netty does (off for deliberate leaks)
     */
    public RecordingLeakDetectorFactory(LeakReports sink, boolean alsoLog) {
        this.sink = sink;
        this.alsoLog = alsoLog;
    }

    @Override
    @SuppressWarnings("deprecation")
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
        return newResourceLeakDetector(resource, samplingInterval);
    }

    @Override
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
        resourceTypes.add(resource);
        return new RecordingDetector<>(resource, samplingInterval, sink, alsoLog);
    }

    /** @return whether this factory made the detector for {@code resource} (e.g. ByteBuf) */
    public boolean createdDetectorFor(Class<?> resource) {
        return resourceTypes.contains(resource);
    }

    /** A detector that records reports in the sink and then logs them as Netty does. */
    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        private final LeakReports sink;
        private final boolean alsoLog;

        RecordingDetector(Class<?> resource, int samplingInterval, LeakReports sink, boolean alsoLog) {
            super(resource, samplingInterval);
            this.sink = sink;
            this.alsoLog = alsoLog;
        }

        @Override
        protected boolean needReport() {
            return true; // record even when error logging is off
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            sink.add("LEAK: " + resourceType + " was not released" + records);
            if (alsoLog) {
                super.reportTracedLeak(resourceType, records);
            }
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            sink.add("LEAK: " + resourceType + " was not released (no access records)");
            if (alsoLog) {
                super.reportUntracedLeak(resourceType);
            }
        }
    }
}
