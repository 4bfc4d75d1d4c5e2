package io.samsa.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Entry point run by the protocol module's build: {@code MessageGenerator <schemaDir> <outputDir>}.
 * Parses every {@code *.schema} file in name order and writes io/samsa/protocol/message/*.java under
 * the output directory, which it empties first, so that a run depends only on the schemas.
 */
public final class MessageGenerator {
    static final String PACKAGE_PATH = "io/samsa/protocol/message";

    private MessageGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: MessageGenerator <schemaDir> <outputDir>");
        }
        generate(Path.of(args[0]), Path.of(args[1]));
    }

    /** Regenerates all classes; returns the number of schema files read. */
    static int generate(Path schemaDir, Path outputDir) throws IOException {
        List<Path> schemas;
        try (Stream<Path> files = Files.list(schemaDir)) {
            schemas = files.filter(p -> p.getFileName().toString().endsWith(".schema"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
        List<MessageSpec> messages = new ArrayList<>();
        for (Path schema : schemas) {
            String fileName = schema.getFileName().toString();
            MessageSpec message = SchemaParser.parse(fileName, Files.readString(schema, StandardCharsets.UTF_8));
            if (!fileName.equals(message.name() + ".schema")) {
                throw new IllegalArgumentException(fileName + " must be named " + message.name() + ".schema");
            }
            messages.add(message);
        }
        Path packageDir = outputDir.resolve(PACKAGE_PATH);
        deleteRecursively(outputDir);
        Files.createDirectories(packageDir);
        for (MessageSpec message : messages) {
            String source = new StructClassGenerator(message).generateFile(message.name() + ".schema");
            Files.writeString(packageDir.resolve(message.name() + ".java"), source, StandardCharsets.UTF_8);
        }
        Files.writeString(packageDir.resolve("ApiMessageType.java"), ApiMessageTypeGenerator.generate(messages),
                StandardCharsets.UTF_8);
        return messages.size();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
