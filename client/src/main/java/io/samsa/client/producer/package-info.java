/**
 * The producer API (interfaces and value types, as kafka-clients') and its configuration.
 * The engine implementing {@link io.samsa.client.producer.Producer} comes next.
 */
package io.samsa.client.producer;
