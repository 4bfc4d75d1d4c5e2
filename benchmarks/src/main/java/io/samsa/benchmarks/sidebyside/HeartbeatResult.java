package io.samsa.benchmarks.sidebyside;

/**
 * What the heartbeat load scored: successful (error 0) Heartbeat responses per second over the
 * measured window, and how many answered with an error (which should be none).
 *
 * <p>Immutable.
 */
public record HeartbeatResult(int groups, int membersPerGroup, int connections, int pipelineDepth, long okResponses,
                              long errorResponses, double seconds) {

    public double okPerSec() {
        return okResponses / seconds;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%d groups x %d members, %d connections x %d in flight: %.0f heartbeats/s"
            + " (%d ok, %d errors in %.1f s)", groups, membersPerGroup, connections, pipelineDepth, okPerSec(), okResponses,
            errorResponses, seconds);
    }
}
