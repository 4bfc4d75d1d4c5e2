package io.samsa.broker.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.samsa.broker.testing.RecordingComponent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentLifecycleTest {
    private final List<String> events = new ArrayList<>();

    @Test
    void startsInOrderAndClosesInReverse() throws Exception {
        ComponentLifecycle lifecycle = new ComponentLifecycle(List.of(component("storage", false, false),
                component("coordinator", false, false), component("network", false, false)));
        lifecycle.startAll();
        lifecycle.closeAll();
        lifecycle.closeAll(); // idempotent
        assertEquals(List.of("start storage", "start coordinator", "start network",
                "close network", "close coordinator", "close storage"), events);
    }

    @Test
    void failedStartClosesWhatStartedAndRethrows() {
        ComponentLifecycle lifecycle = new ComponentLifecycle(List.of(component("storage", false, false),
                component("coordinator", true, false), component("network", false, false)));
        Exception e = assertThrows(IllegalStateException.class, lifecycle::startAll);
        assertEquals("coordinator failed to start", e.getMessage());
        assertEquals(List.of("start storage", "start coordinator", "close storage"), events);
    }

    @Test
    void closeCarriesOnPastAFailingComponent() throws Exception {
        BrokerComponent storage = component("storage", false, false);
        ComponentLifecycle lifecycle = new ComponentLifecycle(List.of(storage, component("coordinator", false, true)));
        lifecycle.startAll();
        lifecycle.closeAll();
        assertEquals(List.of("start storage", "start coordinator", "close coordinator", "close storage"), events);
        assertSame(storage, lifecycle.components().get(0));
    }

    private BrokerComponent component(String name, boolean failStart, boolean failClose) {
        return new RecordingComponent(name, events, failStart, failClose);
    }
}
