package io.samsa.broker.admin;

import io.samsa.protocol.ErrorCode;

/**
 * The broker runs without an authorizer ({@code authorizer.class.name} empty, Kafka's default), so
 * ACLs can be neither listed, created nor deleted: each ACL API answers SECURITY_DISABLED with
 * Kafka's messages (DescribeAcls has its own wording in Kafka), and Kafka's tools print what they
 * print against a Kafka broker without one.
 *
 * <p>The decision belongs behind the broker's authorizer seam once there is one: an ACL handler
 * then asks the configured authorizer, and answers this only when none is configured.
 */
final class NoAuthorizer {
    static final ErrorCode ERROR = ErrorCode.SECURITY_DISABLED;
    /** Kafka's message for DescribeAcls. */
    static final String DESCRIBE_MESSAGE = "No Authorizer is configured on the broker";
    /** Kafka's message for each CreateAcls creation and DeleteAcls filter. */
    static final String ALTER_MESSAGE = "No Authorizer is configured.";

    private NoAuthorizer() {
    }
}
