/**
 * Value types shared by the producer, consumer and admin client, with Kafka's names and
 * semantics: {@link io.samsa.client.common.TopicPartition}, {@link io.samsa.client.common.Node},
 * {@link io.samsa.client.common.PartitionInfo}, {@link io.samsa.client.common.Cluster}, metrics names.
 */
package io.samsa.client.common;
