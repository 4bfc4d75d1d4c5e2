package io.samsa.broker.network;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.samsa.protocol.util.Time;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the network layer reports a client's mistake (an unparseable or refused request, an
 * unknown API, a frame too large, a failed acks=0 produce): at most one WARN line per connection,
 * at most {@code samsa.client.error.log.lines.per.minute} across all connections, and never a
 * stack trace, so a misbehaving or hostile client cannot fill the broker's log. The API takes a
 * message and no {@code Throwable}, so a stack trace cannot slip in. A stack trace in the log
 * therefore always means a Samsa bug.
 *
 * <p>Thread-safe; one instance per network server.
 */
public final class ClientErrorLog {
    private static final Logger LOG = LoggerFactory.getLogger(ClientErrorLog.class);
    private static final AttributeKey<Boolean> REPORTED = AttributeKey.valueOf(ClientErrorLog.class, "reported");

    private final LogLineLimiter limiter;
    private final Consumer<String> sink;

    /** Lines go to this class's slf4j logger at WARN. */
    public ClientErrorLog(Time time, int maxLinesPerMinute) {
        this(time, maxLinesPerMinute, line -> LOG.warn("{}", line));
    }

    /** @param sink receives each line let through (tests record them) */
    ClientErrorLog(Time time, int maxLinesPerMinute, Consumer<String> sink) {
        this.limiter = new LogLineLimiter(time, maxLinesPerMinute);
        this.sink = sink;
    }

    /**
     * Reports a client's mistake on {@code channel}, unless this connection already reported one
     * or the broker-wide budget is spent.
     *
     * @param message one line: what the client did and what the broker does about it
     */
    public void warn(Channel channel, String message) {
        if (channel.attr(REPORTED).setIfAbsent(Boolean.TRUE) != null) {
            return;
        }
        long dropped = limiter.tryAcquire();
        if (dropped >= 0) {
            String line = oneLine(message);
            sink.accept(dropped == 0 ? line : line + " (" + dropped + " more client errors not logged)");
        }
    }

    /** A client controls parts of the message (topic names, ...): no line breaks, so no forged lines. */
    private static String oneLine(String message) {
        return message.replace('\n', ' ').replace('\r', ' ');
    }
}
