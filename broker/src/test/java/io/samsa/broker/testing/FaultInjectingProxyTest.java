package io.samsa.broker.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy against an echo server: it passes, drops, refuses and heals as documented. */
class FaultInjectingProxyTest {
    private ServerSocket echo;
    private ExecutorService echoThreads;
    private FaultInjectingProxy proxy;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new ServerSocket();
        echo.bind(new InetSocketAddress("127.0.0.1", 0));
        echoThreads = Executors.newCachedThreadPool();
        echoThreads.execute(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket socket = echo.accept();
                    echoThreads.execute(() -> echoUntilClosed(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        proxy = FaultInjectingProxy.to(echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
        echoThreads.shutdownNow();
    }

    @Test
    void passesBytesBothWays() throws IOException {
        try (Socket client = connect()) {
            assertEquals("hello", roundTrip(client, "hello"));
            assertEquals("again", roundTrip(client, "again"));
        }
    }

    @Test
    void dropKeepsTheConnectionOpenButNothingArrivesAndHealClosesItForAFreshOne() throws IOException {
        try (Socket client = connect()) {
            assertEquals("before", roundTrip(client, "before"));
            proxy.drop();
            client.getOutputStream().write("lost".getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            awaitTrue(() -> proxy.droppedBytes() == 4, "the proxy drops the 4 bytes");
            client.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read(),
                "no answer while dropping, and no close either");

            proxy.heal();
            client.setSoTimeout(5_000);
            assertEquals(-1, client.getInputStream().read(), "a connection that lost bytes is closed on heal");
        }
        try (Socket fresh = connect()) {
            assertEquals("after", roundTrip(fresh, "after"));
        }
    }

    @Test
    void refuseClosesOpenConnectionsAndNewOnesUntilHealed() throws IOException {
        try (Socket client = connect()) {
            assertEquals("up", roundTrip(client, "up"));
            proxy.refuse();
            client.setSoTimeout(5_000);
            assertEquals(-1, client.getInputStream().read(), "an open connection is closed");
        }
        try (Socket refused = connect()) {
            refused.setSoTimeout(5_000);
            assertEquals(-1, refused.getInputStream().read(), "a new connection is closed on accept");
        }
        proxy.heal();
        try (Socket healed = connect()) {
            assertEquals("back", roundTrip(healed, "back"));
        }
        awaitTrue(() -> proxy.openChannels() == 0, "every proxied channel is closed once the clients are");
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", proxy.port()), 5_000);
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        byte[] sent = text.getBytes(StandardCharsets.US_ASCII);
        socket.getOutputStream().write(sent);
        socket.getOutputStream().flush();
        byte[] received = socket.getInputStream().readNBytes(sent.length);
        assertArrayEquals(sent, received);
        return new String(received, StandardCharsets.US_ASCII);
    }

    private static void echoUntilClosed(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException closed) {
            // the test closed its end
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(deadlineNs - System.nanoTime() > 0, what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
