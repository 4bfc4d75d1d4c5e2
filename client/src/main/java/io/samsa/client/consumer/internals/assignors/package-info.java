/**
 * The built-in partition assignors of the classic group protocol: range, roundrobin, sticky and
 * cooperative-sticky, each producing the same assignment as kafka-clients' assignor of that name
 * (checked against kafka-clients in tests), selectable by name or by Kafka's class names.
 */
package io.samsa.client.consumer.internals.assignors;
