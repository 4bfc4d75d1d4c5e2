package io.samsa.broker.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds the command of a child JVM that runs a test main with another kafka-clients than the 4.1
 * on the test classpath (3.9.0, or 4.4.0): the jars maven-dependency-plugin copies into
 * {@code target/kafka-clients-<major.minor>/} plus {@code target/test-classes}.
 *
 * <p>Stateless; thread-safe.
 */
public final class LegacyClientJvm {
    static final Path TEST_CLASSES = Path.of("target", "test-classes");

    private LegacyClientJvm() {
    }

    /** @return {@code java -cp <3.9 jars>:<test-classes> mainClass args...} */
    static List<String> command(Class<?> mainClass, List<String> args) throws IOException {
        return command("3.9.0", mainClass, args);
    }

    /**
     * @param clientsVersion the kafka-clients version whose jars the build copied, e.g. "4.4.0"
     * @return {@code java -cp <that version's jars>:<test-classes> mainClass args...}
     */
    public static List<String> command(String clientsVersion, Class<?> mainClass, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(classpath(clientsVersion));
        command.add(mainClass.getName());
        command.addAll(args);
        return command;
    }

    private static String classpath(String clientsVersion) throws IOException {
        Path dir = Path.of("target", "kafka-clients-" + clientsVersion.substring(0, clientsVersion.lastIndexOf('.')));
        if (!Files.isRegularFile(dir.resolve("kafka-clients-" + clientsVersion + ".jar"))) {
            throw new AssertionError(dir.toAbsolutePath() + " lacks kafka-clients-" + clientsVersion + ".jar: run the build"
                    + " through Maven (maven-dependency-plugin copies it in generate-test-resources)");
        }
        List<String> entries = new ArrayList<>();
        try (Stream<Path> jars = Files.list(dir)) {
            jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().forEach(jar -> entries.add(jar.toAbsolutePath().toString()));
        }
        entries.add(TEST_CLASSES.toAbsolutePath().toString());
        return String.join(java.io.File.pathSeparator, entries);
    }
}
