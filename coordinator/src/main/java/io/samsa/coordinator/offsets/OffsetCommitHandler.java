package io.samsa.coordinator.offsets;

import io.samsa.coordinator.classic.MemberValidation;
import io.samsa.coordinator.consumer.ConsumerGroup;
import io.samsa.coordinator.consumer.ConsumerOffsetValidation;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * OffsetCommit (v0 to v8): checks the committer against the group, then writes one
 * {@code OFFSET_COMMIT} record per accepted partition. Changes no state itself.
 *
 * <p>Group checks, in Kafka's order:
 * <ul>
 * <li>No group: generation &lt; 0 is a standalone consumer or admin client and is accepted (its
 *     group exists only through its offsets); otherwise GROUP_ID_NOT_FOUND from v9, else
 *     ILLEGAL_GENERATION.</li>
 * <li>Generation &lt; 0 while the group is Empty: accepted.</li>
 * <li>Any of generation &ge; 0, a member id or an instance id given: the instance id must map to the
 *     member id (else UNKNOWN_MEMBER_ID, or FENCED_INSTANCE_ID when it maps to another), the member
 *     must exist (UNKNOWN_MEMBER_ID) and the generation must match (ILLEGAL_GENERATION).</li>
 * <li>None given and the group is not Empty: UNKNOWN_MEMBER_ID.</li>
 * <li>CompletingRebalance: REBALANCE_IN_PROGRESS (the member must sync first).</li>
 * </ul>
 * Per partition: metadata longer than offset.metadata.max.bytes (counted in chars, as Kafka does)
 * gets OFFSET_METADATA_TOO_LARGE and is not written; the others are written with the commit time
 * and, for v2 to v4 retention, an explicit expiry.
 *
 * <p>A consumer group (KIP-848) checks the committer by member epoch instead
 * ({@link ConsumerOffsetValidation}): the generation field carries the member epoch from v9.
 *
 * <p>As in Kafka, an accepted commit from a member of a Stable or PreparingRebalance group also
 * restarts that member's session (in memory, like every deadline).
 *
 * <p>Stateless apart from its config; thread-safe.
 */
public final class OffsetCommitHandler {
    private final int offsetMetadataMaxBytes;

    /** @param offsetMetadataMaxBytes offset.metadata.max.bytes */
    public OffsetCommitHandler(int offsetMetadataMaxBytes) {
        this.offsetMetadataMaxBytes = offsetMetadataMaxBytes;
    }

    public CoordinatorResult<OffsetCommitResponse> commit(OffsetsContext shard, OffsetCommitRequest request, long nowMs) {
        ConsumerGroup consumerGroup = shard.consumerGroups().group(request.groupId());
        ErrorCode groupError = consumerGroup != null
                ? ConsumerOffsetValidation.validateCommit(consumerGroup, request.memberId(), request.generationId(), request.apiVersion())
                : validate(shard.groups().group(request.groupId()), request);
        if (groupError != ErrorCode.NONE) {
            return CoordinatorResult.response(OffsetCommitResponse.allFailed(request, groupError));
        }
        ClassicGroup group = shard.groups().group(request.groupId());
        if (group != null && group.hasMember(request.memberId())
                && (group.isInState(ClassicGroupState.STABLE) || group.isInState(ClassicGroupState.PREPARING_REBALANCE))) {
            shard.rebalancer().scheduleSession(shard, group.groupId(), group.member(request.memberId()));
        }
        OptionalLong expireTimestampMs = request.retentionTimeMs() == OffsetCommitRequest.DEFAULT_RETENTION
                ? OptionalLong.empty() : OptionalLong.of(nowMs + request.retentionTimeMs());
        List<CoordinatorRecord> records = new ArrayList<>(request.partitions().size());
        List<PartitionResult> results = new ArrayList<>(request.partitions().size());
        for (OffsetCommitRequest.PartitionCommit commit : request.partitions()) {
            String metadata = commit.metadata() == null ? "" : commit.metadata();
            if (metadata.length() > offsetMetadataMaxBytes) {
                results.add(new PartitionResult(commit.topic(), commit.partition(), ErrorCode.OFFSET_METADATA_TOO_LARGE));
                continue;
            }
            CommittedOffset offset = new CommittedOffset(commit.offset(), commit.leaderEpoch(), metadata, nowMs, expireTimestampMs);
            records.add(OffsetCommitRecords.newOffsetCommitRecord(request.groupId(), commit.topic(), commit.partition(), offset));
            results.add(new PartitionResult(commit.topic(), commit.partition(), ErrorCode.NONE));
        }
        return CoordinatorResult.of(records, new OffsetCommitResponse(results));
    }

    /** @return NONE when the committer may commit for the group; see the class comment */
    static ErrorCode validate(ClassicGroup group, OffsetCommitRequest request) {
        int generationId = request.generationId();
        if (group == null) {
            if (generationId < 0) {
                return ErrorCode.NONE;
            }
            return request.apiVersion() >= 9 ? ErrorCode.GROUP_ID_NOT_FOUND : ErrorCode.ILLEGAL_GENERATION;
        }
        if (generationId < 0 && group.isInState(ClassicGroupState.EMPTY)) {
            return ErrorCode.NONE;
        }
        if (generationId >= 0 || !request.memberId().isEmpty() || request.groupInstanceId() != null) {
            ErrorCode memberError = MemberValidation.validateMember(group, request.memberId(), request.groupInstanceId());
            if (memberError != ErrorCode.NONE) {
                return memberError;
            }
            if (generationId != group.generationId()) {
                return ErrorCode.ILLEGAL_GENERATION;
            }
        } else if (!group.isInState(ClassicGroupState.EMPTY)) {
            return ErrorCode.UNKNOWN_MEMBER_ID;
        }
        if (group.isInState(ClassicGroupState.COMPLETING_REBALANCE)) {
            return ErrorCode.REBALANCE_IN_PROGRESS;
        }
        return ErrorCode.NONE;
    }
}
