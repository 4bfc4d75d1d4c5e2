package io.samsa.generator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses one schema file (format: protocol/src/main/schema/README.md) into a {@link MessageSpec} and
 * validates it: known types, every struct defined once, nullability only on nullable types, tags
 * unique and only in flexible versions. Errors name the file and line. Not thread-safe (one use).
 */
final class SchemaParser {
    private static final int INDENT = 2;

    private record Line(int number, int depth, String[] tokens) {
    }

    private final String fileName;
    private final List<Line> lines = new ArrayList<>();
    private final Map<String, StructSpec> structs = new LinkedHashMap<>();
    private int cursor;

    private SchemaParser(String fileName, String text) {
        this.fileName = fileName;
        String[] raw = text.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].stripTrailing();
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int spaces = 0;
            while (line.charAt(spaces) == ' ') {
                spaces++;
            }
            if (spaces % INDENT != 0 || line.indexOf('\t') >= 0) {
                throw error(i + 1, "indent with multiples of " + INDENT + " spaces, no tabs");
            }
            lines.add(new Line(i + 1, spaces / INDENT, tokenize(line.substring(spaces))));
        }
    }

    static MessageSpec parse(String fileName, String text) {
        return new SchemaParser(fileName, text).parseMessage();
    }

    private MessageSpec parseMessage() {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(fileName + ": empty schema");
        }
        Line header = lines.get(cursor++);
        if (header.depth != 0 || header.tokens.length < 2) {
            throw error(header.number, "expected 'request|response|data Name key=N versions=R flexible=R'");
        }
        MessageSpec.Kind kind = switch (header.tokens[0]) {
            case "request" -> MessageSpec.Kind.REQUEST;
            case "response" -> MessageSpec.Kind.RESPONSE;
            case "data" -> MessageSpec.Kind.DATA;
            default -> throw error(header.number, "unknown message kind '" + header.tokens[0] + "'");
        };
        String name = header.tokens[1];
        Map<String, String> attributes = attributes(header, 2, Set.of("key", "versions", "flexible", "latestUnstable"));
        Versions valid = Versions.parse(require(header, attributes, "versions"));
        Versions flexible = Versions.parse(require(header, attributes, "flexible"));
        int apiKey = -1;
        if (kind == MessageSpec.Kind.DATA) {
            if (attributes.containsKey("key")) {
                throw error(header.number, "data messages have no api key");
            }
        } else {
            apiKey = Integer.parseInt(require(header, attributes, "key"));
            String suffix = kind == MessageSpec.Kind.REQUEST ? "Request" : "Response";
            if (!name.endsWith(suffix)) {
                throw error(header.number, "a " + header.tokens[0] + " name must end with " + suffix);
            }
        }
        List<FieldSpec> topFields = parseFields(1, valid, flexible);
        while (cursor < lines.size()) {
            Line line = lines.get(cursor++);
            if (line.depth != 0 || !line.tokens[0].equals("struct") || line.tokens.length < 2) {
                throw error(line.number, "expected 'struct Name [versions=R]' at the top level");
            }
            Map<String, String> structAttributes = attributes(line, 2, Set.of("versions"));
            Versions versions = Versions.parse(structAttributes.getOrDefault("versions", "0+")).intersect(valid);
            define(line, new StructSpec(line.tokens[1], versions, parseFields(1, versions, flexible)));
        }
        StructSpec top = new StructSpec(name, valid, topFields);
        checkReferences(top);
        for (StructSpec struct : structs.values()) {
            checkReferences(struct);
        }
        return new MessageSpec(kind, name, apiKey, valid, flexible, attributes.containsKey("latestUnstable"), top,
                List.copyOf(structs.values()));
    }

    private List<FieldSpec> parseFields(int depth, Versions context, Versions flexible) {
        List<FieldSpec> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<Integer> tags = new HashSet<>();
        while (cursor < lines.size() && lines.get(cursor).depth >= depth) {
            Line line = lines.get(cursor++);
            if (line.depth > depth) {
                throw error(line.number, "unexpected indentation");
            }
            FieldSpec field = parseField(line, flexible);
            if (!names.add(field.name())) {
                throw error(line.number, "duplicate field " + field.name());
            }
            if (field.isTagged() && !tags.add(field.tag())) {
                throw error(line.number, "duplicate tag " + field.tag());
            }
            boolean hasChildren = cursor < lines.size() && lines.get(cursor).depth > depth;
            FieldType structType = field.type().isArray() ? field.type().element() : field.type();
            if (hasChildren) {
                if (!structType.isStruct()) {
                    throw error(line.number, "only struct and struct-array fields have nested fields");
                }
                Versions structVersions = field.versions().intersect(context);
                define(line, new StructSpec(structType.structName(), structVersions,
                        parseFields(depth + 1, structVersions, flexible)));
            }
            fields.add(field);
        }
        return fields;
    }

    private FieldSpec parseField(Line line, Versions flexible) {
        if (line.tokens.length < 2) {
            throw error(line.number, "expected 'name type [attributes]'");
        }
        String name = line.tokens[0];
        if (!Character.isLowerCase(name.charAt(0)) || !name.chars().allMatch(Character::isLetterOrDigit)) {
            throw error(line.number, "field names are lowerCamel: " + name);
        }
        FieldType type;
        try {
            type = FieldType.parse(line.tokens[1]);
        } catch (IllegalArgumentException e) {
            throw error(line.number, e.getMessage());
        }
        Map<String, String> attributes = attributes(line, 2,
                Set.of("versions", "nullable", "tag", "tagged", "default", "ignorable"));
        Versions versions = Versions.parse(attributes.getOrDefault("versions", "0+"));
        Versions nullable = Versions.parse(attributes.getOrDefault("nullable", "none"));
        if (!nullable.isEmpty() && !type.canBeNullable()) {
            throw error(line.number, type + " cannot be nullable");
        }
        int tag = -1;
        Versions tagged = Versions.NONE;
        if (attributes.containsKey("tag") != attributes.containsKey("tagged")) {
            throw error(line.number, "tag=N and tagged=R go together");
        }
        if (attributes.containsKey("tag")) {
            tag = Integer.parseInt(attributes.get("tag"));
            tagged = Versions.parse(attributes.get("tagged"));
            if (tag < 0 || !flexible.contains(tagged) || !versions.contains(tagged)) {
                throw error(line.number, "tagged versions must be flexible versions of the field");
            }
        }
        String defaultValue = attributes.get("default");
        if ("null".equals(defaultValue) && nullable.isEmpty()) {
            throw error(line.number, "default=null needs nullable versions");
        }
        return new FieldSpec(name, type, versions, nullable, tag, tagged, defaultValue, attributes.containsKey("ignorable"));
    }

    private void define(Line line, StructSpec struct) {
        if (structs.putIfAbsent(struct.name(), struct) != null) {
            throw error(line.number, "struct " + struct.name() + " is defined twice");
        }
    }

    private void checkReferences(StructSpec struct) {
        for (FieldSpec field : struct.fields()) {
            FieldType type = field.type().isArray() ? field.type().element() : field.type();
            if (type.isStruct() && !structs.containsKey(type.structName())) {
                throw new IllegalArgumentException(fileName + ": struct " + type.structName() + " (field "
                        + struct.name() + "." + field.name() + ") is never defined");
            }
        }
    }

    private Map<String, String> attributes(Line line, int from, Set<String> allowed) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = from; i < line.tokens.length; i++) {
            String token = line.tokens[i];
            int eq = token.indexOf('=');
            String key = eq < 0 ? token : token.substring(0, eq);
            String value = eq < 0 ? "" : token.substring(eq + 1);
            if (!allowed.contains(key)) {
                throw error(line.number, "unknown attribute '" + key + "'");
            }
            if (attributes.put(key, value) != null) {
                throw error(line.number, "attribute '" + key + "' given twice");
            }
        }
        return attributes;
    }

    private String require(Line line, Map<String, String> attributes, String key) {
        String value = attributes.get(key);
        if (value == null || value.isEmpty()) {
            throw error(line.number, "missing " + key + "=");
        }
        return value;
    }

    /** Splits on spaces, keeping "quoted text" (which may hold spaces) in one token. */
    private static String[] tokenize(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                current.append(c);
            } else if (c == ' ' && !quoted) {
                if (current.length() > 0) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        return tokens.toArray(new String[0]);
    }

    private IllegalArgumentException error(int lineNumber, String message) {
        return new IllegalArgumentException(fileName + ":" + lineNumber + ": " + message);
    }
}
