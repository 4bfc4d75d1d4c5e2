package io.samsa.broker.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Builds request frames byte by byte, independently of the broker's decoder, for tests:
 * size int32, api_key int16, api_version int16, correlation_id int32, client_id int16 + bytes,
 * tagged fields (header v2: one byte, zero fields), body.
 */
public final class RequestBytes {
    private RequestBytes() {
    }

    /**
     * @param headerVersion 1 or 2
     * @return the whole frame, size prefix included
     */
    public static byte[] frame(int apiKey, int apiVersion, int correlationId, String clientId, int headerVersion, byte[] body) {
        byte[] client = clientId.getBytes(StandardCharsets.UTF_8);
        int size = 2 + 2 + 4 + 2 + client.length + (headerVersion == 2 ? 1 : 0) + body.length;
        ByteBuffer buf = ByteBuffer.allocate(4 + size);
        buf.putInt(size).putShort((short) apiKey).putShort((short) apiVersion).putInt(correlationId);
        buf.putShort((short) client.length).put(client);
        if (headerVersion == 2) {
            buf.put((byte) 0);
        }
        buf.put(body);
        return buf.array();
    }

    /** @return a header-v1 frame with client id "test" */
    public static byte[] frame(int apiKey, int apiVersion, int correlationId, byte[] body) {
        return frame(apiKey, apiVersion, correlationId, "test", 1, body);
    }

    /** @return {@code a} followed by {@code b} */
    public static byte[] concat(byte[]... parts) {
        int total = 0;
        for (byte[] p : parts) {
            total += p.length;
        }
        ByteBuffer out = ByteBuffer.allocate(total);
        for (byte[] p : parts) {
            out.put(p);
        }
        return out.array();
    }
}
