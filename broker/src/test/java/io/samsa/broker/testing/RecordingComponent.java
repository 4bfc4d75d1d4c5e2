package io.samsa.broker.testing;

import io.samsa.broker.lifecycle.BrokerComponent;
import java.util.List;

/**
 * A component that appends "start NAME" and "close NAME" to a shared event list, and can fail
 * either step, for lifecycle-order tests. Not thread-safe.
 */
public final class RecordingComponent implements BrokerComponent {
    private final String name;
    private final List<String> events;
    private final boolean failStart;
    private final boolean failClose;

    public RecordingComponent(String name, List<String> events, boolean failStart, boolean failClose) {
        this.name = name;
        this.events = events;
        this.failStart = failStart;
        this.failClose = failClose;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() {
        events.add("start " + name);
        if (failStart) {
            throw new IllegalStateException(name + " failed to start");
        }
    }

    @Override
    public void close() {
        events.add("close " + name);
        if (failClose) {
            throw new IllegalStateException(name + " failed to close");
        }
    }
}
