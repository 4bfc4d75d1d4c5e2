package io.samsa.broker.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kinds of resource an ACL protects, with Kafka's wire codes and the operations each supports
 * (Kafka 4.1's {@code AclEntry.supportedOperations}): with no authorizer, a resource's authorized
 * operations are exactly these.
 */
public enum ResourceType {
    TOPIC(2, EnumSet.of(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE, AclOperation.DESCRIBE,
            AclOperation.DELETE, AclOperation.ALTER, AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS)),
    GROUP(3, EnumSet.of(AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DELETE,
            AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS)),
    CLUSTER(4, EnumSet.of(AclOperation.CREATE, AclOperation.CLUSTER_ACTION, AclOperation.DESCRIBE_CONFIGS,
            AclOperation.ALTER_CONFIGS, AclOperation.IDEMPOTENT_WRITE, AclOperation.ALTER, AclOperation.DESCRIBE)),
    TRANSACTIONAL_ID(5, EnumSet.of(AclOperation.DESCRIBE, AclOperation.WRITE)),
    DELEGATION_TOKEN(6, EnumSet.of(AclOperation.DESCRIBE)),
    USER(7, EnumSet.of(AclOperation.CREATE_TOKENS, AclOperation.DESCRIBE_TOKENS));

    /** The one CLUSTER resource's name, as in Kafka. */
    public static final String CLUSTER_NAME = "kafka-cluster";

    private final byte code;
    private final Set<AclOperation> supportedOperations;

    ResourceType(int code, EnumSet<AclOperation> supportedOperations) {
        this.code = (byte) code;
        this.supportedOperations = Collections.unmodifiableSet(supportedOperations);
    }

    /** @return Kafka's code for this resource type */
    public byte code() {
        return code;
    }

    /** @return the operations an ACL on a resource of this type can grant */
    public Set<AclOperation> supportedOperations() {
        return supportedOperations;
    }
}
