package io.samsa.client.testing;

import java.io.IOException;
import java.io.InputStream;

/**
 * The main class of the child JVM that {@link KafkaBroker} starts: formats the log directory with
 * Kafka's own storage tool ({@code kafka-storage format -t <clusterId> -c <props> --standalone}),
 * then runs {@code kafka.Kafka} on the same properties, all in one JVM to save a JVM start.
 *
 * <p>It exits when its standard input closes, so a test JVM that dies without stopping the broker
 * (killed, crashed) does not leave an orphaned Kafka behind.
 *
 * <p>Arguments: {@code <server.properties path> <cluster id> [static]}. With {@code static} the
 * node belongs to a quorum of fixed {@code controller.quorum.voters} ({@link KafkaCluster}) and is
 * formatted without {@code --standalone}.
 */
public final class KafkaBrokerLauncher {
    private KafkaBrokerLauncher() {
    }

    public static void main(String[] args) throws Exception {
        boolean staticVoters = args.length == 3 && args[2].equals("static");
        if (args.length != 2 && !staticVoters) {
            System.err.println("usage: KafkaBrokerLauncher <server.properties> <clusterId> [static]");
            System.exit(2);
        }
        String[] format = staticVoters
            ? new String[] {"format", "-t", args[1], "-c", args[0], "--ignore-formatted"}
            : new String[] {"format", "-t", args[1], "-c", args[0], "--standalone", "--ignore-formatted"};
        int formatted = kafka.tools.StorageTool.execute(format, System.out);
        if (formatted != 0) {
            System.err.println("kafka storage format failed with exit code " + formatted);
            System.exit(3);
        }
        Thread parentWatch = new Thread(KafkaBrokerLauncher::exitWhenStdinCloses, "parent-watch");
        parentWatch.setDaemon(true);
        parentWatch.start();
        kafka.Kafka.main(new String[] {args[0]});
    }

    private static void exitWhenStdinCloses() {
        InputStream in = System.in;
        try {
            while (in.read() >= 0) {
                // the parent never writes; any byte is ignored
            }
        } catch (IOException e) {
            // treated as closed
        }
        System.exit(0);
    }
}
