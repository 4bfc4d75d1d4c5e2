package io.samsa.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageGeneratorTest {

    private static void write(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void generatesDeterministicallyAndRemovesStaleOutput(@TempDir Path temp) throws IOException {
        Path schemas = Files.createDirectories(temp.resolve("schema"));
        write(schemas, "PingRequest.schema", "request PingRequest key=0 versions=0-1 flexible=1+\n  id int32\n");
        write(schemas, "PingResponse.schema", "response PingResponse key=0 versions=0-1 flexible=1+\n  id int32\n");
        Path out = temp.resolve("out");
        Path stale = Files.createDirectories(out.resolve(MessageGenerator.PACKAGE_PATH)).resolve("Old.java");
        Files.writeString(stale, "class Old {}");

        assertEquals(2, MessageGenerator.generate(schemas, out));
        assertFalse(Files.exists(stale));
        Path request = out.resolve(MessageGenerator.PACKAGE_PATH).resolve("PingRequest.java");
        Path registry = out.resolve(MessageGenerator.PACKAGE_PATH).resolve("ApiMessageType.java");
        String first = Files.readString(request) + Files.readString(registry);
        assertTrue(first.contains("public final class PingRequest implements ApiMessage"));
        assertTrue(first.contains("PING((short) 0, \"Ping\", (short) 0, (short) 1, (short) 1, (short) 1, false);"));

        MessageGenerator.generate(schemas, out);
        assertEquals(first, Files.readString(request) + Files.readString(registry));
    }

    @Test
    void constantNamesSplitCamelCase() {
        assertEquals("JOIN_GROUP", ApiMessageTypeGenerator.constantName("JoinGroup"));
        assertEquals("OFFSET_FOR_LEADER_EPOCH", ApiMessageTypeGenerator.constantName("OffsetForLeaderEpoch"));
    }
}
