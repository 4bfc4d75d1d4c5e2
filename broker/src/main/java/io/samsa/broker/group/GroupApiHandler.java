package io.samsa.broker.group;

import io.samsa.broker.api.MessageHandler;
import io.samsa.broker.api.RequestContext;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.types.ApiMessage;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.Supplier;

/**
 * What the group API handlers share: the coordinator they translate to, and how a client's host
 * is shown in group descriptions. Each subclass translates one API's wire messages to the
 * coordinator's domain records and back; the coordinator's futures never fail, so neither do the
 * handlers' (a failure would close the connection).
 *
 * <p>Thread-safe: stateless apart from the coordinator, which is thread-safe.
 *
 * @param <Q> the request class
 * @param <R> the response class
 */
abstract class GroupApiHandler<Q extends ApiMessage, R extends ApiMessage> extends MessageHandler<Q, R> {
    private final Supplier<GroupCoordinatorService> coordinator;

    /**
     * Group requests of one connection reach the coordinator in the order they were sent, as in
     * Kafka: two pipelined commits of one partition must not be applied in reverse.
     */
    @Override
    public boolean orderedPerConnection() {
        return true;
    }

    /** @param coordinator the running coordinator; read per request (it exists only once started) */
    GroupApiHandler(ApiKey api, Supplier<GroupCoordinatorService> coordinator) {
        super(api);
        this.coordinator = coordinator;
    }

    GroupCoordinatorService coordinator() {
        return coordinator.get();
    }

    /** @return the client's address as Kafka shows it in DescribeGroups, e.g. "/127.0.0.1" */
    static String clientHost(RequestContext context) {
        SocketAddress address = context.clientAddress();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().toString();
        }
        return String.valueOf(address);
    }
}
