package io.samsa.broker;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.protocol.util.Time;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a complete broker from its configuration: every {@link BrokerModule}, wired together.
 * {@link SamsaBroker#main} and in-process tests both come through here, so a test broker is the
 * real broker.
 */
public final class BrokerAssembly {
    private BrokerAssembly() {
    }

    /** @return a broker ready to {@link Broker#start()} */
    public static Broker build(BrokerConfig config, Time time) {
        Broker.Builder builder = Broker.builder(config).time(time);
        for (BrokerModule module : modules(config, time)) {
            module.components().forEach(builder::component);
            module.handlers().forEach(builder::handler);
        }
        return builder.build();
    }

    /** The modules in start order: a module's dependencies come before it. */
    static List<BrokerModule> modules(BrokerConfig config, Time time) {
        List<BrokerModule> modules = new ArrayList<>();
        return modules;
    }
}
