package io.samsa.broker.data.produce;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.samsa.broker.lifecycle.BrokerComponent;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ProducerStateTable#expireIdle} every {@code producer.id.expiration.check.interval.ms}
 * on a thread of its own, so the state of producers that went away does not grow without bound.
 *
 * <p>{@link #start} and {@link #close} from one thread; the check runs on the scheduler thread.
 */
public final class ProducerIdExpiry implements BrokerComponent {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerIdExpiry.class);

    private final ProducerStateTable table;
    private final long checkIntervalMs;
    private ScheduledThreadPoolExecutor scheduler;

    public ProducerIdExpiry(ProducerStateTable table, long checkIntervalMs) {
        this.table = table;
        this.checkIntervalMs = checkIntervalMs;
    }

    @Override
    public String name() {
        return "producer-id-expiry";
    }

    @Override
    public void start() {
        scheduler = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("samsa-producer-id-expiry", true));
        scheduler.scheduleWithFixedDelay(this::check, checkIntervalMs, checkIntervalMs, TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            int expired = table.expireIdle();
            if (expired > 0) {
                LOG.info("Expired {} idle producer id entries", expired);
            }
        } catch (RuntimeException e) {
            LOG.error("Producer id expiry failed; will retry", e); // a thrown task would stop the schedule
        }
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }
}
