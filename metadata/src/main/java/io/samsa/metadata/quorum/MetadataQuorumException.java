package io.samsa.metadata.quorum;

import io.samsa.metadata.controller.api.ApiError;
import io.samsa.protocol.ErrorCode;

/**
 * Why the quorum did not run or commit an operation, as the Kafka error a client gets:
 * NOT_CONTROLLER (this node is not the active controller; {@link #leaderId()} names the one it
 * knows, -1 if none) or REQUEST_TIMED_OUT (no commit within the request timeout: most likely no
 * majority of voters is reachable; the outcome is unknown).
 */
public final class MetadataQuorumException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ApiError error;
    private final int leaderId;

    public MetadataQuorumException(ErrorCode code, String message, int leaderId) {
        super(code + ": " + message);
        this.error = ApiError.of(code, message);
        this.leaderId = leaderId;
    }

    public ApiError error() {
        return error;
    }

    /** @return the active controller this node knows of, -1 if none */
    public int leaderId() {
        return leaderId;
    }

    static MetadataQuorumException notController(int nodeId, int leaderId) {
        return new MetadataQuorumException(ErrorCode.NOT_CONTROLLER, "node " + nodeId + " is not the active controller"
                + (leaderId >= 0 ? "; node " + leaderId + " is" : "; no leader is known"), leaderId);
    }
}
