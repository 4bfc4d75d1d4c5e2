package io.samsa.broker.group;

import io.samsa.broker.testing.TestClient;
import io.samsa.protocol.header.Frames;
import io.samsa.protocol.header.HeaderVersions;
import io.samsa.protocol.header.RequestHeader;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.types.ApiMessage;
import io.samsa.protocol.types.ByteBufferReadable;
import io.samsa.protocol.types.DecodeLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * One connection sending raw requests encoded with {@link Frames} at a chosen version and decoding
 * the responses at that version. {@link #send} and {@link #receive} are split so a test can park a
 * JoinGroup on one connection while acting on another. Not thread-safe.
 */
final class GroupWireClient implements AutoCloseable {
    private final TestClient client;
    private final ArrayDeque<Sent> sent = new ArrayDeque<>();
    private int correlationId;

    private record Sent(short apiKey, short version, int correlationId) {
    }

    GroupWireClient(int port) throws IOException {
        this.client = TestClient.connect(port);
    }

    /** Sends {@code request} at {@code version}; its response is read by a later {@link #receive}. */
    void send(ApiMessage request, int version) throws IOException {
        short apiVersion = (short) version;
        int id = ++correlationId;
        ByteBuffer frame = Frames.encodeRequest(new RequestHeader(request.apiKey(), apiVersion, id, "group-test"), request);
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        client.sendRaw(bytes);
        sent.addLast(new Sent(request.apiKey(), apiVersion, id));
    }

    /** @return the response to the oldest unanswered request, decoded at its version */
    @SuppressWarnings("unchecked")
    <R extends ApiMessage> R receive() throws IOException {
        Sent request = sent.removeFirst();
        TestClient.Response response = client.receive(HeaderVersions.responseHeaderVersion(request.apiKey(), request.version()));
        if (response.correlationId() != request.correlationId()) {
            throw new IOException("correlation id " + response.correlationId() + ", expected " + request.correlationId());
        }
        ByteBufferReadable in = new ByteBufferReadable(ByteBuffer.wrap(response.body()), DecodeLimits.DEFAULT);
        return (R) ApiMessageType.fromApiKey(request.apiKey()).readResponse(in, request.version());
    }

    /** Sends and waits for the response. */
    <R extends ApiMessage> R call(ApiMessage request, int version) throws IOException {
        send(request, version);
        return receive();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
