package io.samsa.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Guards the broker's package graph, read from the sources (comments left out: a Javadoc mention
 * is no dependency): every {@code io.samsa.broker...} import or qualified name is an edge.
 *
 * <ul>
 * <li>No cycle: the root package assembles the modules and nothing depends on it; the modules'
 *     contract ({@code BrokerModule}) lives in {@code lifecycle}; the data handlers share
 *     {@code data.partitions}, not the data module.</li>
 * <li>The low layers stay low: {@code config} depends on nothing of the broker's, {@code lifecycle}
 *     only on {@code api} (a module lists its handlers), {@code replication} and {@code interbroker} know nothing of groups, transactions
 *     or the data APIs.</li>
 * </ul>
 */
class PackageGraphTest {
    private static final Path SOURCES = Path.of("src/main/java/io/samsa/broker");
    private static final Pattern REFERENCE = Pattern.compile("io\\.samsa\\.broker((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z*]");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final String ROOT = "(root)";

    @Test
    void thePackageGraphHasNoCycle() {
        assertEquals(List.of(), cycles(graph()));
    }

    @Test
    void nothingDependsOnTheAssembly() {
        graph().forEach((from, to) -> assertTrue(!to.contains(ROOT), from + " depends on the root package"));
    }

    @Test
    void theLowLayersStayLow() {
        Map<String, Set<String>> graph = graph();
        assertEquals(Set.of("api"), graph.getOrDefault("lifecycle", Set.of()), "lifecycle: a module's handlers only");
        assertEquals(Set.of(), graph.getOrDefault("config", Set.of()), "config");
        Set<String> belowGroups = Set.of("config", "lifecycle", "replication");
        for (String layer : List.of("replication", "replication.fetcher", "interbroker")) {
            for (String to : graph.getOrDefault(layer, Set.of())) {
                assertTrue(belowGroups.contains(to), layer + " depends on " + to);
            }
        }
    }

    /** @return package (relative to io.samsa.broker, "(root)" for it) to the packages it uses */
    private static Map<String, Set<String>> graph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String relative = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                String from = relative.isEmpty() ? ROOT : relative;
                Set<String> edges = graph.computeIfAbsent(from, p -> new TreeSet<>());
                String code = COMMENT.matcher(Files.readString(file)).replaceAll("");
                Matcher matcher = REFERENCE.matcher(code);
                while (matcher.find()) {
                    String to = matcher.group(1).isEmpty() ? ROOT : matcher.group(1).substring(1);
                    if (!to.equals(from)) {
                        edges.add(to);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(graph.containsKey("data") && graph.containsKey(ROOT), "sources found: " + graph.keySet());
        return graph;
    }

    /** @return each cycle found by a depth-first walk, as the packages on it */
    private static List<List<String>> cycles(Map<String, Set<String>> graph) {
        List<List<String>> cycles = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>(); // 1 on the path, 2 done
        for (String start : graph.keySet()) {
            walk(start, graph, state, new ArrayList<>(), cycles);
        }
        return cycles;
    }

    private static void walk(String node, Map<String, Set<String>> graph, Map<String, Integer> state, List<String> path,
                             List<List<String>> cycles) {
        Integer seen = state.get(node);
        if (seen != null) {
            if (seen == 1) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
                cycle.add(node);
                cycles.add(cycle);
            }
            return;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            walk(next, graph, state, path, cycles);
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
    }
}
