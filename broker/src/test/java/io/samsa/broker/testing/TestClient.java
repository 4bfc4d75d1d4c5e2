package io.samsa.broker.testing;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * A blocking Kafka-framed client over 127.0.0.1 for broker tests: writes request frames, reads
 * response frames. Every read has a timeout, so a broker that never answers fails the test
 * instead of hanging it.
 *
 * <p>Not thread-safe, except that {@link #close} may be called from another thread.
 */
public final class TestClient implements AutoCloseable {
    private static final int READ_TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private TestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1:{@code port}. */
    public static TestClient connect(int port) throws IOException {
        return connect(port, -1);
    }

    /** @param receiveBufferBytes SO_RCVBUF, or -1 for the OS default */
    public static TestClient connect(int port, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MS);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        return new TestClient(socket);
    }

    /** Sends a header-v1 request. */
    public void send(int apiKey, int apiVersion, int correlationId, byte[] body) throws IOException {
        sendRaw(RequestBytes.frame(apiKey, apiVersion, correlationId, body));
    }

    /** Writes bytes as they are. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Reads one response frame.
     *
     * @param headerVersion 0 (correlation id) or 1 (plus a tagged-field count, which must be 0)
     */
    public Response receive(int headerVersion) throws IOException {
        int size = in.readInt();
        byte[] frame = new byte[size];
        in.readFully(frame);
        int correlationId = ((frame[0] & 0xff) << 24) | ((frame[1] & 0xff) << 16) | ((frame[2] & 0xff) << 8) | (frame[3] & 0xff);
        int headerBytes = 4;
        if (headerVersion == 1) {
            if (frame[4] != 0) {
                throw new IOException("unexpected tagged fields in response header");
            }
            headerBytes = 5;
        }
        return new Response(correlationId, Arrays.copyOfRange(frame, headerBytes, frame.length));
    }

    /** @return true when the broker closed the connection (end of stream or reset) before the read timeout */
    public boolean awaitClosedByBroker() throws IOException {
        try {
            return in.read() == -1;
        } catch (EOFException | SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A response: correlation id and body bytes. */
    public record Response(int correlationId, byte[] body) {
    }
}
