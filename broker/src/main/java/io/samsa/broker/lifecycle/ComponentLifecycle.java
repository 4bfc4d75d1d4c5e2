package io.samsa.broker.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an ordered list of components and closes the started ones in reverse order. If a start
 * fails, the components already started are closed before the failure is rethrown, so a failed
 * start leaves nothing running. Closing carries on past a component that fails to close (logging
 * it) so later ones still get closed.
 *
 * <p>Not thread-safe: start and close from one thread.
 */
public final class ComponentLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ComponentLifecycle.class);

    private final List<BrokerComponent> components;
    private final Deque<BrokerComponent> started = new ArrayDeque<>();

    /** @param components in start order */
    public ComponentLifecycle(List<BrokerComponent> components) {
        this.components = List.copyOf(components);
    }

    /** @throws Exception the first component's start failure, after closing the ones started before it */
    public void startAll() throws Exception {
        for (BrokerComponent component : components) {
            try {
                log.debug("Starting {}", component.name());
                component.start();
                started.push(component);
            } catch (Exception e) {
                log.error("Failed to start {}", component.name(), e);
                closeAll();
                throw e;
            }
        }
    }

    /** Closes every started component, last started first. Idempotent. */
    public void closeAll() {
        while (!started.isEmpty()) {
            BrokerComponent component = started.pop();
            try {
                log.debug("Closing {}", component.name());
                component.close();
            } catch (Exception e) {
                log.error("Failed to close {} cleanly", component.name(), e);
            }
        }
    }

    /** @return the components, in start order */
    public List<BrokerComponent> components() {
        return components;
    }
}
