package io.samsa.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 * Guards the coordinator's package graph (STYLE.md: {@code root -> {classic, consumer, offsets,
 * admin} -> group -> records -> timeline}, {@code runtime} knowing nothing about groups), read from
 * the sources: every {@code io.samsa.coordinator...} import or qualified name is an edge.
 *
 * <ul>
 * <li>The graph has no cycle: handlers see the shard through narrow interfaces
 *     ({@code ClassicGroupContext}, {@code OffsetsContext}, {@code ConsumerGroupContext}) declared
 *     in their own packages, which only the root's shard implements.</li>
 * <li>{@code consumer} depends only on the generic layers: it sees classic groups through
 *     {@code ClassicGroupProbe}, never their model; the assignors depend on nothing. Online
 *     migration, which needs both models, is {@code migration}, above {@code classic} and
 *     {@code consumer}.</li>
 * <li>Each package depends on no more than its layer allows ({@link #ALLOWED}).</li>
 * </ul>
 */
class PackageGraphTest {
    private static final Path SOURCES = Path.of("src/main/java/io/samsa/coordinator");
    private static final Pattern REFERENCE = Pattern.compile("io\\.samsa\\.coordinator((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z*]");
    /** What each package may depend on; the root may depend on everything. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("admin", Set.of("consumer", "offsets", "classic", "group", "records", "runtime", "timeline")),
            Map.entry("offsets", Set.of("consumer", "classic", "group", "records", "runtime", "timeline")),
            Map.entry("classic", Set.of("group", "records", "runtime", "timeline")),
            Map.entry("consumer", Set.of("consumer.assignor", "records", "runtime", "timeline")),
            Map.entry("consumer.assignor", Set.of()),
            Map.entry("migration", Set.of("classic", "consumer", "group", "records", "runtime", "timeline")),
            Map.entry("group", Set.of("records", "timeline")),
            Map.entry("runtime", Set.of("records", "timeline")),
            Map.entry("records", Set.of()),
            Map.entry("timeline", Set.of()),
            Map.entry("transaction", Set.of("(root)", "offsets", "records", "runtime", "timeline")));

    @Test
    void thePackageGraphHasNoCycle() {
        assertEquals(List.of(), cycles(graph()));
    }

    @Test
    void everyPackageDependsOnlyOnWhatItsLayerAllows() {
        Map<String, Set<String>> graph = graph();
        for (Map.Entry<String, Set<String>> entry : graph.entrySet()) {
            if (entry.getKey().equals("(root)")) {
                continue;
            }
            Set<String> allowed = ALLOWED.get(entry.getKey());
            assertTrue(allowed != null, "new package " + entry.getKey() + ": add it to ALLOWED");
            for (String to : entry.getValue()) {
                assertTrue(allowed.contains(to), entry.getKey() + " depends on " + to);
            }
        }
    }

    @Test
    void consumerGroupsDependOnlyOnTheGenericLayers() {
        Map<String, Set<String>> graph = graph();
        Set<String> allowed = Set.of("consumer", "consumer.assignor", "records", "runtime", "timeline");
        for (String from : List.of("consumer", "consumer.assignor")) {
            for (String to : graph.getOrDefault(from, Set.of())) {
                assertTrue(allowed.contains(to), from + " depends on " + to);
            }
        }
        assertEquals(Set.of(), graph.getOrDefault("consumer.assignor", Set.of()), "assignors are pure");
    }

    @Test
    void theRuntimeKnowsNothingAboutGroups() {
        Map<String, Set<String>> graph = graph();
        for (String to : graph.getOrDefault("runtime", Set.of())) {
            assertTrue(Set.of("records", "timeline").contains(to), "runtime depends on " + to);
        }
        assertEquals(Set.of(), graph.getOrDefault("timeline", Set.of()), "timeline depends on nothing");
        assertEquals(Set.of(), graph.getOrDefault("records", Set.of()), "records depend on nothing");
    }

    /** @return package (relative to io.samsa.coordinator, "(root)" for it) to the packages it uses */
    private static Map<String, Set<String>> graph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String from = packageOf(SOURCES.relativize(file.getParent()).toString().replace('/', '.'));
                Set<String> edges = graph.computeIfAbsent(from, p -> new TreeSet<>());
                Matcher matcher = REFERENCE.matcher(Files.readString(file));
                while (matcher.find()) {
                    String to = packageOf(matcher.group(1).isEmpty() ? "" : matcher.group(1).substring(1));
                    if (!to.equals(from)) {
                        edges.add(to);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(graph.containsKey("consumer") && graph.containsKey("(root)"), "sources found: " + graph.keySet());
        return graph;
    }

    /** Generated protobuf classes belong to {@code records}. */
    private static String packageOf(String relative) {
        if (relative.isEmpty()) {
            return "(root)";
        }
        return relative.equals("records.proto") ? "records" : relative;
    }

    /** @return the strongly connected components with more than one package (Tarjan) */
    private static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> components = new ArrayList<>();
        for (String node : graph.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, onStack, components);
            }
        }
        return components.stream().filter(component -> component.size() > 1).toList();
    }

    private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index, Map<String, Integer> low,
                                Deque<String> stack, Set<String> onStack, List<Set<String>> components) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, onStack, components);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            components.add(component);
        }
    }
}
