package io.samsa.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SchemaParserTest {

    private static final String JOIN = String.join("\n",
            "# a comment",
            "request JoinGroupRequest key=11 versions=0-9 flexible=6+",
            "  groupId string",
            "  rebalanceTimeoutMs int32 versions=1+ default=-1 ignorable",
            "  groupInstanceId string versions=5+ nullable=5+ default=null",
            "  protocols []JoinGroupRequestProtocol",
            "    name string",
            "    metadata bytes",
            "  shared Shared versions=6+ tag=0 tagged=6+",
            "  label string default=\"a b\"",
            "",
            "struct Shared",
            "  ids []int32",
            "");

    @Test
    void parsesHeaderFieldsNestedAndSharedStructs() {
        MessageSpec spec = SchemaParser.parse("JoinGroupRequest.schema", JOIN);
        assertEquals(MessageSpec.Kind.REQUEST, spec.kind());
        assertEquals(11, spec.apiKey());
        assertEquals("JoinGroup", spec.apiName());
        assertEquals(new Versions(0, 9), spec.validVersions());
        assertEquals(6, spec.top().fields().size());
        FieldSpec rebalance = spec.top().fields().get(1);
        assertEquals("-1", rebalance.defaultValue());
        assertTrue(rebalance.ignorable());
        assertEquals(new Versions(1, Short.MAX_VALUE), rebalance.versions());
        FieldSpec shared = spec.top().fields().get(4);
        assertEquals(0, shared.tag());
        assertEquals("\"a b\"", spec.top().fields().get(5).defaultValue());
        assertEquals(2, spec.nestedStructs().size());
        assertEquals("JoinGroupRequestProtocol", spec.nestedStructs().get(0).name());
        assertEquals("Shared", spec.struct("Shared").name());
    }

    private static void rejects(String body, String messagePart) {
        String text = "request XRequest key=1 versions=0-3 flexible=2+\n" + body;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SchemaParser.parse("XRequest.schema", text));
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void rejectsInvalidSchemasWithTheLine() {
        rejects("  a int32 nullable=0+\n", "cannot be nullable");
        rejects("  a int32 tag=0 tagged=0+\n", "flexible");
        rejects("  a int32 tag=0\n", "go together");
        rejects("  a string default=null\n", "nullable");
        rejects("  a int32\n  a int32\n", "duplicate field");
        rejects("  a int32 tag=1 tagged=2+\n  b int32 tag=1 tagged=2+\n", "duplicate tag");
        rejects("  a []Missing\n", "never defined");
        rejects("  a int32\n    b int32\n", "only struct");
        rejects("  A int32\n", "lowerCamel");
        rejects("  a wat\n", "unknown type");
        rejects("  a int32 colour=red\n", "unknown attribute");
        rejects("   a int32\n", "XRequest.schema:2");
        rejects("  a []S\n    x int32\n  b []S\n    y int32\n", "defined twice");
    }
}
