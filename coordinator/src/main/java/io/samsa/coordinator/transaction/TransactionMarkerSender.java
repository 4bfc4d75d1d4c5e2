package io.samsa.coordinator.transaction;

/**
 * Writes a transaction's markers into its partitions, wherever their leaders are: the broker
 * implements it (WriteTxnMarkers to each partition's leader, local or remote, retrying while a
 * partition has no reachable leader). Implementations are thread-safe and never block the caller.
 */
public interface TransactionMarkerSender {

    /**
     * @param onWritten run (on any thread) once every partition has its marker, or gave up for
     *                  good (a deleted topic); never run when the sender is closed first
     */
    void send(TransactionMarkers markers, Runnable onWritten);

    /** A sender for a coordinator with nowhere to send: markers are never written (tests of the state machine). */
    TransactionMarkerSender NONE = (markers, onWritten) -> { };
}
