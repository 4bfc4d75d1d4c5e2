/**
 * The consumer API (interfaces and value types, as kafka-clients'), its configuration, and the
 * client-side assignor interface of the classic group protocol.
 */
package io.samsa.client.consumer;
