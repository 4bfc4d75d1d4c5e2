package io.samsa.benchmarks.sidebyside;

/**
 * Restart times of the reload part, each from launching the broker process on an existing
 * {@code log.dirs}.
 *
 * <p>Immutable.
 *
 * @param offsets             committed offsets in the log at the measured restart
 * @param groups              groups they belong to
 * @param emptyReadyMs        restart without committed offsets: until the broker answered its readiness check
 * @param emptyAnsweredMs     restart without committed offsets: until OffsetFetch answered every group without error
 * @param readyMs             restart with the offsets: until the broker answered its readiness check
 * @param reloadedMs          restart with the offsets: until OffsetFetch returned every group's offsets, all correct
 * @param commitMs            time to commit the offsets beforehand (OffsetCommit through Admin)
 */
public record OffsetReloadResult(long offsets, int groups, double emptyReadyMs, double emptyAnsweredMs, double readyMs,
                                 double reloadedMs, double commitMs) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%d offsets of %d groups: committed in %.0f ms; restart without offsets"
            + " ready %.0f ms, all groups answered %.0f ms; restart with offsets ready %.0f ms, all offsets fetched %.0f ms",
            offsets, groups, commitMs, emptyReadyMs, emptyAnsweredMs, readyMs, reloadedMs);
    }
}
