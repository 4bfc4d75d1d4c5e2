package io.samsa.metadata.testing;

import java.util.ArrayList;
import java.util.List;

/** Leak reports collected by the guard's detectors until drained. Thread-safe. */
final class LeakReports {
    private final List<String> reports = new ArrayList<>();

    synchronized void add(String report) {
        reports.add(report);
    }

    synchronized List<String> drain() {
        List<String> out = List.copyOf(reports);
        reports.clear();
        return out;
    }
}
