package io.samsa.benchmarks.sidebyside;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A broker running in a child JVM on 127.0.0.1, started for one side of the comparison. */
public interface BrokerProcess extends AutoCloseable {

    /** "Samsa" or "Kafka", for the table. */
    String name();

    /** {@code 127.0.0.1:<port>} of the PLAINTEXT listener. */
    String bootstrapServers();

    /** The broker JVM's process id, for {@link ProcessMemory}. */
    long pid();

    /**
     * Asks the broker to shut down (SIGTERM) and waits for it to exit on its own, so a restart on the
     * same {@code log.dirs} finds a cleanly closed log. {@link #close} is still needed afterwards.
     *
     * @return false when the broker was still running after {@code timeout}
     */
    default boolean stopCleanly(Duration timeout) {
        return ProcessHandle.of(pid()).map(process -> {
            process.destroy();
            try {
                process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException | ExecutionException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }).orElse(true);
    }

    /**
     * Starts the same broker again, with the same settings, on the same {@code log.dirs}: call after
     * {@link #stopCleanly} and before {@link #close}. The settings must name {@code log.dirs}, or the
     * data is in the temporary directory that {@link #close} deletes.
     *
     * @throws IllegalStateException when the broker does not come up in time
     */
    BrokerProcess restart(Duration timeout);

    /** Stops the broker (SIGTERM, then kill) and deletes its temporary directory, and {@code log.dirs} unless overridden. */
    @Override
    void close();
}
