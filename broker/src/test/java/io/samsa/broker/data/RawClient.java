package io.samsa.broker.data;

import io.samsa.protocol.header.Frames;
import io.samsa.protocol.header.RequestHeader;
import io.samsa.protocol.types.ApiMessage;
import io.samsa.protocol.types.DecodeLimits;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

/** A blocking Kafka client for one connection: our generated messages framed by {@link Frames}. Tests only. */
public final class RawClient implements AutoCloseable {
    private static final int READ_TIMEOUT_MS = 30_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int correlationId;

    public RawClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MS);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends a request without reading an answer. */
    void send(ApiMessage request, int version) throws IOException {
        out.write(frame(request, version, ++correlationId));
        out.flush();
    }

    /** @return the request's frame, size prefix included */
    static byte[] frame(ApiMessage request, int version, int correlationId) {
        ByteBuffer frame = Frames.encodeRequest(new RequestHeader(request.apiKey(), (short) version, correlationId, "raw"), request);
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return bytes;
    }

    /** Reads the answer to the last request sent. */
    @SuppressWarnings("unchecked")
    <R extends ApiMessage> R receive(ApiMessage request, int version) throws IOException {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        Frames.DecodedResponse decoded = Frames.decodeResponse(ByteBuffer.wrap(frame), request.apiKey(), (short) version,
                DecodeLimits.DEFAULT);
        return (R) decoded.body();
    }

    public <R extends ApiMessage> R call(ApiMessage request, int version) throws IOException {
        send(request, version);
        return receive(request, version);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
