package io.samsa.broker.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Finds the non-Java clients the interop tests drive. A missing tool fails the test with the
 * package to install: CI installs them, so a skip would hide a broken setup. Only an explicit
 * {@code SAMSA_NO_INTEROP} environment variable turns the external-tool tests into skips.
 *
 * <p>Stateless; thread-safe.
 */
final class InteropTools {
    /** The Debian interpreter that has python3-kafka and python3-confluent-kafka; the pyenv python on PATH does not. */
    static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");

    private InteropTools() {
    }

    /** @return the kcat executable on PATH */
    static Path kcat() {
        skipWhenDisabled();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kcat");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("kcat is not installed: apt-get install -y kcat (or set SAMSA_NO_INTEROP=1 to skip)");
    }

    /** @return /usr/bin/python3 after checking it can import kafka-python */
    static Path kafkaPython() throws Exception {
        return systemPython("kafka", "python3-kafka");
    }

    /** @return /usr/bin/python3 after checking it can import confluent-kafka */
    static Path confluentPython() throws Exception {
        return systemPython("confluent_kafka", "python3-confluent-kafka");
    }

    private static Path systemPython(String module, String debianPackage) throws Exception {
        skipWhenDisabled();
        if (!Files.isExecutable(SYSTEM_PYTHON)) {
            throw new AssertionError(SYSTEM_PYTHON + " is missing: apt-get install -y python3 " + debianPackage);
        }
        ToolProcess.Result probe = ToolProcess.run(List.of(SYSTEM_PYTHON.toString(), "-c", "import " + module),
                new byte[0], Duration.ofSeconds(30));
        if (probe.exitCode() != 0) {
            throw new AssertionError(module + " is not installed for " + SYSTEM_PYTHON
                    + ": apt-get install -y " + debianPackage + " (or set SAMSA_NO_INTEROP=1 to skip)\n" + probe);
        }
        return SYSTEM_PYTHON;
    }

    private static void skipWhenDisabled() {
        assumeTrue(System.getenv("SAMSA_NO_INTEROP") == null, "SAMSA_NO_INTEROP is set");
    }
}
