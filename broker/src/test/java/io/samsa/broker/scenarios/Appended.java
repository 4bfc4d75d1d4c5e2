package io.samsa.broker.scenarios;

/**
 * One record as a scenario saw it in a partition's log: acknowledged to the producer or read by a
 * consumer.
 *
 * @param partition the partition
 * @param offset    its offset there
 * @param value     its value (unique per record within a scenario)
 */
record Appended(int partition, long offset, String value) {
}
