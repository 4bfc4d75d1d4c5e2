package io.samsa.metadata;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module's packages form one line of layers, each using only those below it:
 * {@code quorum -> rpc -> controller -> controller.api -> image -> records}. Read from the sources.
 */
class PackageGraphTest {
    private static final Path SOURCES = Path.of("src/main/java/io/samsa/metadata");
    private static final Pattern IMPORT = Pattern.compile("io\\.samsa\\.metadata\\.([a-z.]+)\\.[A-Z]");
    private static final List<String> LAYERS = List.of("quorum", "rpc", "controller", "controller.api", "image", "records");

    @Test
    void eachPackageUsesOnlyTheLayersBelowIt() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                Matcher m = IMPORT.matcher(read(file));
                while (m.find()) {
                    String used = m.group(1).replaceAll("\\.proto$", "");
                    if (!used.equals(pkg)) {
                        uses.computeIfAbsent(pkg, p -> new TreeSet<>()).add(used);
                    }
                }
            });
        }
        assertTrue(uses.keySet().containsAll(LAYERS.subList(0, LAYERS.size() - 1)), "sources read: " + uses);
        uses.forEach((pkg, used) -> {
            int level = LAYERS.indexOf(pkg);
            assertTrue(level >= 0, "unknown package " + pkg);
            for (String dependency : used) {
                assertTrue(LAYERS.indexOf(dependency) > level, pkg + " uses " + dependency + ", a layer above it");
            }
        });
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
