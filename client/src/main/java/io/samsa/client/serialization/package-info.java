/**
 * Serializers and deserializers byte-compatible with kafka-clients' built-in ones (String, UUID,
 * byte array, ByteBuffer, Integer, Long, Short, Double, Float, Void).
 */
package io.samsa.client.serialization;
