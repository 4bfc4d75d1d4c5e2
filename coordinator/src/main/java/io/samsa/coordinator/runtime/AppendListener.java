package io.samsa.coordinator.runtime;

import io.samsa.protocol.ErrorCode;

/**
 * Told, on the partition's event thread, how the append of an operation's records ended. Handlers
 * use it to release responses parked by earlier requests (a JoinGroup completed by another
 * member's join) only once the records that justify them are durable.
 */
@FunctionalInterface
public interface AppendListener {

    /** @param error {@link ErrorCode#NONE} when the records are durable, else why not */
    void onAppendComplete(ErrorCode error);
}
