package io.samsa.broker.lifecycle;

import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.lifecycle.BrokerComponent;
import java.util.List;

/**
 * One area of the broker (topics and admin APIs, the data plane, the group coordinator): the
 * components it owns and the API handlers it serves. {@link BrokerAssembly} puts the modules
 * together; a module gets what it needs from other modules through its constructor.
 */
public interface BrokerModule {

    /** Started in order before the network binds, closed in reverse after it stops. */
    List<BrokerComponent> components();

    /** The APIs this module answers; no two modules may serve the same API key. */
    List<ApiHandler> handlers();
}
