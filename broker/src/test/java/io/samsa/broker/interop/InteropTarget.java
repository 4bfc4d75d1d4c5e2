package io.samsa.broker.interop;

/** What an interop test talks to: one in-process broker, or a cluster of child JVMs. */
interface InteropTarget extends AutoCloseable {
    /** @return the bootstrap servers, {@code host:port[,host:port...]} */
    String bootstrap();

    /** Stops what this target started (nothing for a cluster shared by the class). */
    @Override
    void close();
}
