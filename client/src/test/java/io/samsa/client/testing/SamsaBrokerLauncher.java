package io.samsa.client.testing;

import java.io.IOException;
import java.io.InputStream;

/**
 * The main class of the child JVM that {@link SamsaBrokerProcess} starts: runs the Samsa broker's
 * own main class ({@code io.samsa.broker.SamsaBroker}) with the given arguments, and exits when its
 * standard input closes, so a test JVM that dies without stopping the broker does not leave an
 * orphaned broker behind.
 */
public final class SamsaBrokerLauncher {
    private SamsaBrokerLauncher() {
    }

    public static void main(String[] args) {
        Thread parentWatch = new Thread(SamsaBrokerLauncher::haltWhenStdinCloses, "parent-watch");
        parentWatch.setDaemon(true);
        parentWatch.start();
        io.samsa.broker.SamsaBroker.main(args);
    }

    private static void haltWhenStdinCloses() {
        InputStream in = System.in;
        try {
            while (in.read() >= 0) {
                // the parent never writes; any byte is ignored
            }
        } catch (IOException e) {
            // treated as closed
        }
        Runtime.getRuntime().halt(0);
    }
}
