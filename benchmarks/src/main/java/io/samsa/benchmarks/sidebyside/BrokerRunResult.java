package io.samsa.benchmarks.sidebyside;

/**
 * What one broker scored in a side-by-side run, or why it could not be measured.
 *
 * <p>Immutable.
 *
 * @param broker  "Samsa" or "Kafka"
 * @param produce null when the run failed or the part was skipped
 * @param consume null when the run failed or the part was skipped
 * @param endToEnd producer-to-consumer latency of the paced run; null when the run failed or the part was skipped
 * @param memory  the broker process's memory after the run; null when the run failed
 * @param coordinator the group-coordinator parts; {@link CoordinatorResults#NONE} when the run failed
 * @param failure null when the run succeeded
 */
public record BrokerRunResult(String broker, ProducerPerfResult produce, ConsumeResult consume,
                              EndToEndLatencyRun.Latency endToEnd, ProcessMemory memory, CoordinatorResults coordinator,
                              String failure) {

    public static BrokerRunResult succeeded(String broker, ProducerPerfResult produce, ConsumeResult consume,
                                            EndToEndLatencyRun.Latency endToEnd, ProcessMemory memory,
                                            CoordinatorResults coordinator) {
        return new BrokerRunResult(broker, produce, consume, endToEnd, memory, coordinator, null);
    }

    public static BrokerRunResult failed(String broker, String failure) {
        return new BrokerRunResult(broker, null, null, null, null, CoordinatorResults.NONE, failure);
    }

    public boolean ok() {
        return failure == null;
    }
}
