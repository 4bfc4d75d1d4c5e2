package io.samsa.broker.security;

/**
 * The operations an ACL can allow, with Kafka's wire codes ({@code AclOperation.code()}): the codes
 * are the bit positions of the {@code *_authorized_operations} bitfields in Metadata,
 * DescribeCluster and DescribeGroups responses. UNKNOWN (0), ANY (1) and ALL (2) are filters and
 * never appear in a bitfield of a concrete resource.
 */
public enum AclOperation {
    READ(3),
    WRITE(4),
    CREATE(5),
    DELETE(6),
    ALTER(7),
    DESCRIBE(8),
    CLUSTER_ACTION(9),
    DESCRIBE_CONFIGS(10),
    ALTER_CONFIGS(11),
    IDEMPOTENT_WRITE(12),
    CREATE_TOKENS(13),
    DESCRIBE_TOKENS(14);

    private final byte code;

    AclOperation(int code) {
        this.code = (byte) code;
    }

    /** @return Kafka's code for this operation, also its bit in an authorized-operations field */
    public byte code() {
        return code;
    }
}
