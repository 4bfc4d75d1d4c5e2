package io.samsa.broker.topics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void acceptsKafkasLegalCharactersUpTo249() {
        assertTrue(TopicNames.isValid("orders.v1_EU-west-9"));
        assertTrue(TopicNames.isValid("a".repeat(249)));
        assertTrue(TopicNames.isValid("..."));
    }

    @Test
    void rejectsEmptyDotsTooLongAndOtherCharacters() {
        assertFalse(TopicNames.isValid(null));
        assertFalse(TopicNames.isValid(""));
        assertFalse(TopicNames.isValid("."));
        assertFalse(TopicNames.isValid(".."));
        assertFalse(TopicNames.isValid("a".repeat(250)));
        for (String bad : new String[] {"a b", "a/b", "a:b", "t\u00e9st", "a\nb", "a*"}) {
            assertFalse(TopicNames.isValid(bad), bad);
        }
    }

    @Test
    void collisionIsDotVersusUnderscoreOnly() {
        assertTrue(TopicNames.collide("a.b", "a_b"));
        assertFalse(TopicNames.collide("a.b", "a.b"));
        assertFalse(TopicNames.collide("a.b", "a-b"));
    }

    @Test
    void internalTopics() {
        assertTrue(TopicNames.isInternal("__consumer_offsets"));
        assertTrue(TopicNames.isInternal("__transaction_state"));
        assertFalse(TopicNames.isInternal("_consumer_offsets"));
    }
}
