package io.samsa.client.consumer.internals;

import io.samsa.client.errors.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The close sequence both group protocols share: auto-commit of a consumer that assigned its own
 * partitions (subscribed members commit while leaving), the pending commit callbacks, leaving the
 * group, and the heartbeat thread stopped last whatever failed before. Failures are logged:
 * closing goes on.
 *
 * <p>Stateless; application thread.
 */
final class MemberShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(MemberShutdown.class);

    private MemberShutdown() {
    }

    static void close(GroupMember member, String groupId, boolean autoCommit, SubscriptionState subscriptions,
                      OffsetCommitter committer, BackgroundHeartbeat heartbeat, long deadlineMs) {
        try {
            if (autoCommit && !subscriptions.hasAutoAssignedPartitions()) {
                committer.commitSync(subscriptions.allConsumed(), deadlineMs);
            }
        } catch (KafkaException e) {
            LOG.warn("group {}: auto-commit on close failed: {}", groupId, e.toString());
        }
        try {
            committer.invokeCompletedCallbacks();
            if (subscriptions.hasAutoAssignedPartitions()) {
                member.leaveGroup("the consumer is being closed", deadlineMs);
            }
        } catch (KafkaException e) {
            LOG.warn("group {}: leaving on close failed: {}", groupId, e.toString());
        } finally {
            heartbeat.shutdown();
        }
    }
}
