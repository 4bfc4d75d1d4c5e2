package io.samsa.broker.lifecycle;

/**
 * A part of the broker with a start and an end: the storage log, the group coordinator, the
 * network server. The broker starts components in registration order and closes them in reverse,
 * so a component may use any component registered before it.
 *
 * <p>Implementations say their own thread-safety; {@link #start} and {@link #close} are called
 * from one thread.
 */
public interface BrokerComponent {

    /** @return a short name for log lines, e.g. "storage" */
    String name();

    /** Starts the component; on failure it must leave nothing running. */
    void start() throws Exception;

    /**
     * Stops the component and frees its resources. Called once, only after a successful start.
     * (Not {@code AutoCloseable}: only the broker's lifecycle closes components.)
     */
    void close() throws Exception;
}
