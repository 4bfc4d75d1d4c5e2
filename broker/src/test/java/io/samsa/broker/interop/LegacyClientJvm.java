package io.samsa.broker.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds the command of a child JVM that runs a test main with kafka-clients 3.9.0 instead of the
 * 4.1 on the test classpath: the jars maven-dependency-plugin copies into
 * {@code target/kafka-clients-3.9/} plus {@code target/test-classes}.
 *
 * <p>Stateless; thread-safe.
 */
final class LegacyClientJvm {
    static final Path JARS = Path.of("target", "kafka-clients-3.9");
    static final Path TEST_CLASSES = Path.of("target", "test-classes");

    private LegacyClientJvm() {
    }

    /** @return {@code java -cp <3.9 jars>:<test-classes> mainClass args...} */
    static List<String> command(Class<?> mainClass, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(classpath());
        command.add(mainClass.getName());
        command.addAll(args);
        return command;
    }

    private static String classpath() throws IOException {
        if (!Files.isRegularFile(JARS.resolve("kafka-clients-3.9.0.jar"))) {
            throw new AssertionError(JARS.toAbsolutePath() + " lacks kafka-clients-3.9.0.jar: run the build through Maven"
                    + " (maven-dependency-plugin copies it in generate-test-resources)");
        }
        List<String> entries = new ArrayList<>();
        try (Stream<Path> jars = Files.list(JARS)) {
            jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().forEach(jar -> entries.add(jar.toAbsolutePath().toString()));
        }
        entries.add(TEST_CLASSES.toAbsolutePath().toString());
        return String.join(java.io.File.pathSeparator, entries);
    }
}
