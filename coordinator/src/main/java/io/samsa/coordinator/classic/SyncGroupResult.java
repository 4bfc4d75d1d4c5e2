package io.samsa.coordinator.classic;

import com.google.protobuf.ByteString;
import io.samsa.protocol.ErrorCode;
import java.util.Objects;

/** A SyncGroup response in domain terms; {@code assignment} is empty on errors. Immutable. */
public record SyncGroupResult(ErrorCode error, String protocolType, String protocolName, ByteString assignment) {
    public SyncGroupResult {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(assignment, "assignment");
    }

    public static SyncGroupResult failed(ErrorCode error) {
        return new SyncGroupResult(error, null, null, ByteString.EMPTY);
    }
}
