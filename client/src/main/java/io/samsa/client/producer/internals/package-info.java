/** Producer internals: Kafka's murmur2 key hashing and the built-in sticky partitioner. */
package io.samsa.client.producer.internals;
