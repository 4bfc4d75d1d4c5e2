package io.samsa.storage;

/**
 * Told about every successful append, after the batches are readable and, when {@code flush.messages}
 * asks for it, fsynced. The broker's long-poll fetch is woken this way instead of polling.
 *
 * <p>Called on the appending thread after the partition's append lock is released; it must be cheap
 * and must not block (hand work to another thread).
 */
@FunctionalInterface
public interface AppendListener {

    /**
     * @param log  the log appended to
     * @param info what was appended
     */
    void onAppend(PartitionLog log, AppendInfo info);
}
