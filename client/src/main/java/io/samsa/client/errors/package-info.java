/**
 * The client's exceptions, named and arranged as Kafka's ({@code KafkaException} at the root,
 * {@code RetriableException} for errors worth retrying), and {@link io.samsa.client.errors.Errors},
 * the one mapping from broker error codes to exceptions.
 */
package io.samsa.client.errors;
