package io.samsa.client.errors;

/**
 * The group is still subscribed to the topic whose offsets are being deleted.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#GROUP_SUBSCRIBED_TO_TOPIC}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class GroupSubscribedToTopicException extends ApiException {
    private static final long serialVersionUID = 1L;

    public GroupSubscribedToTopicException(String message) {
        super(message);
    }

    public GroupSubscribedToTopicException(String message, Throwable cause) {
        super(message, cause);
    }
}
