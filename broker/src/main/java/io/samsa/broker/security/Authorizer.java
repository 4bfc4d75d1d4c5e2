package io.samsa.broker.security;

import io.samsa.broker.api.RequestContext;

/**
 * Decides whether the sender of a request may perform an operation on a resource. The broker asks it
 * wherever Kafka's broker asks its authorizer; today only for the authorized-operations fields
 * (Metadata, DescribeCluster, DescribeGroups). {@link #ALLOW_ALL} is the default, as a Kafka broker
 * without {@code authorizer.class.name} allows everything; the ACL work (issue 15) plugs in here.
 *
 * <p>Implementations are thread-safe and do not block: they are called on request threads.
 */
@FunctionalInterface
public interface Authorizer {

    /** Allows every operation on every resource. */
    Authorizer ALLOW_ALL = (context, operation, type, name) -> true;

    /**
     * @param context the request (its listener, peer and, later, principal)
     * @param name    the resource's name ({@link ResourceType#CLUSTER_NAME} for the cluster)
     * @return true when the request's sender may perform {@code operation} on the resource
     */
    boolean authorize(RequestContext context, AclOperation operation, ResourceType type, String name);

    /**
     * @return Kafka's authorized-operations bitfield for the resource: bit {@link AclOperation#code()} is
     *         set for each operation of the type the sender is authorized for
     */
    default int authorizedOperations(RequestContext context, ResourceType type, String name) {
        int bits = 0;
        for (AclOperation operation : type.supportedOperations()) {
            if (authorize(context, operation, type, name)) {
                bits |= 1 << operation.code();
            }
        }
        return bits;
    }
}
