package io.samsa.broker.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the leak reports of {@link RecordingLeakDetectorFactory}'s detectors until drained.
 *
 * <p>Thread-safe: detectors report from whichever thread allocates.
 */
public final class LeakReports {
    private final List<String> reports = new ArrayList<>();

    synchronized void add(String report) {
        reports.add(report);
    }

    /** @return whether no report is waiting */
    public synchronized boolean isEmpty() {
        return reports.isEmpty();
    }

    /** @return every report since the last drain, oldest first, and forgets them */
    public synchronized List<String> drain() {
        List<String> out = List.copyOf(reports);
        reports.clear();
        return out;
    }
}
