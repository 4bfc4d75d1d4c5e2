package io.samsa.metadata.controller.api;

import io.samsa.protocol.ErrorCode;
import java.util.Objects;

/**
 * An error code with the message a Kafka controller sends with it. Immutable.
 *
 * @param error   the Kafka error code ({@link ErrorCode#NONE} for success)
 * @param message the message; the code's default message when none is given
 */
public record ApiError(ErrorCode error, String message) {
    public static final ApiError NONE = new ApiError(ErrorCode.NONE, "");

    public ApiError {
        Objects.requireNonNull(error, "error");
        message = message == null ? error.message() : message;
    }

    public static ApiError of(ErrorCode error) {
        return new ApiError(error, error.message());
    }

    public static ApiError of(ErrorCode error, String message) {
        return new ApiError(error, message);
    }

    public boolean isError() {
        return error.isError();
    }
}
