package io.samsa.protocol.message;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One of Kafka's JSON message specs ({@code common/message/<Name>.json}, shipped inside
 * kafka-clients), read from the test classpath. It drives the random value trees of the
 * compatibility tests; it is Kafka's description, never Samsa's. Immutable.
 *
 * @param name             message name, e.g. {@code JoinGroupRequest}
 * @param type             {@code request}, {@code response} or {@code data}
 * @param apiKey           the API key, or -1 for data messages
 * @param validVersions    the versions kafka-clients implements
 * @param flexibleVersions the versions with compact encodings and tagged fields
 * @param fields           the top-level fields
 */
record KafkaMessageSpec(String name, String type, int apiKey, VersionRange validVersions,
                        VersionRange flexibleVersions, List<Field> fields) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS);

    /**
     * One field. {@code fields} is non-empty when the field is a struct or an array of structs
     * (inline or resolved from the spec's common structs).
     */
    record Field(String name, String type, VersionRange versions, VersionRange nullableVersions,
                 VersionRange taggedVersions, int tag, String defaultValue, List<Field> fields) {

        /** The name Kafka's JSON converters and Samsa's accessors use: {@code GroupId} -> {@code groupId}. */
        String camelName() {
            return Character.toLowerCase(name.charAt(0)) + name.substring(1);
        }

        boolean isArray() {
            return type.startsWith("[]");
        }

        /** The element type of an array, or the type itself. */
        String elementType() {
            return isArray() ? type.substring(2) : type;
        }

        /** True when the (element) type is a struct rather than a primitive. */
        boolean isStruct() {
            return !fields.isEmpty() || Character.isUpperCase(elementType().charAt(0));
        }

        boolean presentIn(short version) {
            return versions.contains(version);
        }

        boolean nullableIn(short version) {
            return nullableVersions.contains(version);
        }

        boolean taggedIn(short version) {
            return taggedVersions.contains(version);
        }
    }

    /** Loads {@code common/message/<name>.json} from the classpath. */
    static KafkaMessageSpec load(String name) {
        String resource = "common/message/" + name + ".json";
        try (InputStream in = KafkaMessageSpec.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no Kafka spec on the classpath: " + resource);
            }
            JsonNode root = JSON.readTree(in);
            Map<String, JsonNode> commonStructs = new HashMap<>();
            for (JsonNode struct : root.path("commonStructs")) {
                commonStructs.put(struct.get("name").asText(), struct);
            }
            return new KafkaMessageSpec(
                root.get("name").asText(),
                root.get("type").asText(),
                root.has("apiKey") ? root.get("apiKey").asInt() : -1,
                VersionRange.parse(root.get("validVersions").asText()),
                VersionRange.parse(root.path("flexibleVersions").asText("none")),
                parseFields(root.path("fields"), commonStructs));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static List<Field> parseFields(JsonNode array, Map<String, JsonNode> commonStructs) {
        List<Field> fields = new ArrayList<>();
        for (JsonNode node : array) {
            String type = node.get("type").asText().trim();
            String elementType = type.startsWith("[]") ? type.substring(2) : type;
            JsonNode children = node.get("fields");
            if (children == null && commonStructs.containsKey(elementType)) {
                children = commonStructs.get(elementType).get("fields");
            }
            JsonNode defaultNode = node.get("default");
            fields.add(new Field(
                node.get("name").asText(),
                type,
                VersionRange.parse(node.get("versions").asText()),
                VersionRange.parse(node.has("nullableVersions") ? node.get("nullableVersions").asText() : null),
                VersionRange.parse(node.has("taggedVersions") ? node.get("taggedVersions").asText() : null),
                node.has("tag") ? node.get("tag").asInt() : -1,
                defaultNode == null ? null : defaultNode.asText(),
                children == null ? List.of() : parseFields(children, commonStructs)));
        }
        return List.copyOf(fields);
    }
}
