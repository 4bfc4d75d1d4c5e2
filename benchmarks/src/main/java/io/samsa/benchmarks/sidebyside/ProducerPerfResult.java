package io.samsa.benchmarks.sidebyside;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The summary line of Kafka's {@code ProducerPerformance}: throughput and the send-to-acknowledgement
 * latency of every record (not end-to-end through a consumer).
 *
 * <p>Immutable.
 *
 * @param megabytesPerSec value bytes per second / 2^20, as ProducerPerformance computes it
 */
public record ProducerPerfResult(long records, double recordsPerSec, double megabytesPerSec, double avgLatencyMs,
                                 double maxLatencyMs, long p50LatencyMs, long p95LatencyMs, long p99LatencyMs,
                                 long p999LatencyMs) {
    // "2000000 records sent, 431034.5 records/sec (41.11 MB/sec), 612.49 ms avg latency, 1034.00 ms max latency,
    //  605 ms 50th, 972 ms 95th, 1013 ms 99th, 1028 ms 99.9th."
    private static final Pattern SUMMARY = Pattern.compile(
        "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency,"
            + " (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th");

    /** @return the result from ProducerPerformance's output, or null when it has no summary line */
    public static ProducerPerfResult parse(String output) {
        Matcher matcher = SUMMARY.matcher(output);
        ProducerPerfResult last = null;
        while (matcher.find()) {
            last = new ProducerPerfResult(Long.parseLong(matcher.group(1)), Double.parseDouble(matcher.group(2)),
                Double.parseDouble(matcher.group(3)), Double.parseDouble(matcher.group(4)),
                Double.parseDouble(matcher.group(5)), Long.parseLong(matcher.group(6)), Long.parseLong(matcher.group(7)),
                Long.parseLong(matcher.group(8)), Long.parseLong(matcher.group(9)));
        }
        return last;
    }
}
