package io.samsa.benchmarks.sidebyside;

import io.samsa.protocol.header.Frames;
import io.samsa.protocol.header.RequestHeader;
import io.samsa.protocol.types.ApiMessage;
import io.samsa.protocol.types.DecodeLimits;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A blocking Kafka-protocol connection for the coordinator benchmarks: requests are Samsa's generated
 * messages framed by {@link Frames} at a version the caller picks (no ApiVersions exchange: both
 * brokers support the versions used), responses are read in order. Requests may be pipelined:
 * {@link #send} several, then {@link #receive} as many.
 *
 * <p>Not thread-safe: one thread per connection.
 */
final class WireConnection implements AutoCloseable {
    private static final String CLIENT_ID = "samsa-side-by-side";

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final ArrayDeque<Sent> inFlight = new ArrayDeque<>();
    private int correlationId;

    private record Sent(short apiKey, short version, int correlationId) {
    }

    /** @param bootstrapServers {@code host:port} */
    WireConnection(String bootstrapServers) {
        int colon = bootstrapServers.lastIndexOf(':');
        try {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(bootstrapServers.substring(0, colon),
                Integer.parseInt(bootstrapServers.substring(colon + 1))), 10_000);
            socket.setSoTimeout(60_000);
            in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
            out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + bootstrapServers, e);
        }
    }

    /** Buffers a request; {@link #flush} (or {@link #receive}) puts it on the wire. */
    void send(ApiMessage request, int version) {
        short apiVersion = (short) version;
        int id = ++correlationId;
        ByteBuffer frame = Frames.encodeRequest(new RequestHeader(request.apiKey(), apiVersion, id, CLIENT_ID), request);
        try {
            out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        inFlight.addLast(new Sent(request.apiKey(), apiVersion, id));
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the response to the oldest request without one, decoded at its version */
    @SuppressWarnings("unchecked")
    <R extends ApiMessage> R receive() {
        Sent request = inFlight.removeFirst();
        try {
            if (in.available() < Integer.BYTES) {
                // nothing buffered to read: what we buffered must reach the broker first
                out.flush();
            }
            byte[] frame = new byte[in.readInt()];
            in.readFully(frame);
            Frames.DecodedResponse response = Frames.decodeResponse(ByteBuffer.wrap(frame), request.apiKey(),
                request.version(), DecodeLimits.DEFAULT);
            if (response.header().correlationId() != request.correlationId()) {
                throw new IllegalStateException("response correlation id " + response.header().correlationId()
                    + ", expected " + request.correlationId());
            }
            return (R) response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one request and waits for its response. */
    <R extends ApiMessage> R call(ApiMessage request, int version) {
        send(request, version);
        return receive();
    }

    int inFlight() {
        return inFlight.size();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do with a socket that does not close
        }
    }
}
