package io.samsa.client.consumer.internals;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop shared by the group heartbeat threads (classic {@link HeartbeatThread}, KIP-848
 * {@link ConsumerProtocolHeartbeatThread}): run one round, then wait until the next heartbeat is
 * due, at most {@link #MAX_WAIT_MS}, or until woken; {@link #shutdown} ends it.
 *
 * <p>Thread-safe: {@link #wakeUp} and {@link #shutdown} may be called from any thread.
 */
abstract class BackgroundHeartbeat extends Thread {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundHeartbeat.class);
    /** Upper bound of one wait, so close() and state changes made without a wake-up are noticed promptly. */
    static final long MAX_WAIT_MS = 100;

    /** The coordinator heartbeats go to; its clock is the injected one. */
    final GroupCoordinatorLink link;
    private final Object lock = new Object();
    private volatile boolean closed;

    BackgroundHeartbeat(String clientId, GroupCoordinatorLink link) {
        super("samsa-consumer-heartbeat-" + clientId);
        setDaemon(true);
        this.link = link;
    }

    /** The current time (ms), from the injected clock. */
    final long nowMs() {
        return link.time().milliseconds();
    }

    /** One round of checks and sends. */
    abstract void runOnce(long nowMs);

    /** Milliseconds until the next round is needed. */
    abstract long timeToNextMs(long nowMs);

    @Override
    public final void run() {
        while (!closed) {
            try {
                runOnce(nowMs());
            } catch (RuntimeException e) {
                LOG.warn("heartbeat thread error", e);
            }
            synchronized (lock) {
                if (closed) {
                    break;
                }
                long waitMs = Math.min(MAX_WAIT_MS, timeToNextMs(nowMs()));
                try {
                    lock.wait(Math.max(1, waitMs));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Wakes the thread so a heartbeat made due on another thread goes out now. */
    final void wakeUp() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** Ends the loop and waits up to 5 s for the thread to finish. */
    final void shutdown() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
