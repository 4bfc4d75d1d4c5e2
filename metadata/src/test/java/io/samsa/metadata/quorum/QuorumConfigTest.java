package io.samsa.metadata.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuorumConfigTest {

    @Test
    void votersAndDirectoriesAreReadWithKafkasKeys() {
        QuorumConfig config = QuorumConfig.fromProperties(Map.of("node.id", "2", "process.roles", "broker,controller",
                "controller.quorum.voters", "1@a:9093, 2@b:9093,3@[::1]:9094", "log.dirs", "/data/x,/data/y"));
        assertEquals(List.of(new VoterAddress(1, "a", 9093), new VoterAddress(2, "b", 9093),
                new VoterAddress(3, "::1", 9094)), config.voters());
        assertEquals(new VoterAddress(2, "b", 9093), config.self());
        assertEquals(Path.of("/data/x/__cluster_metadata"), config.metadataLogDir());
        assertFalse(config.isSingleNode());
        assertTrue(config.isVoter());
    }

    @Test
    void noVotersMeansAOneNodeQuorumOfThisNode() {
        QuorumConfig config = QuorumConfig.fromProperties(Map.of("node.id", "5", "metadata.log.dir", "/m"));
        assertTrue(config.isSingleNode());
        assertEquals(5, config.self().id());
        assertEquals(Path.of("/m"), config.metadataLogDir());
    }

    @Test
    void badValuesNameTheirKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> QuorumConfig.fromProperties(
                Map.of("controller.quorum.voters", "1@a"))).getMessage().contains("controller.quorum.voters"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> QuorumConfig.fromProperties(
                Map.of("controller.quorum.voters", "1@a:1,1@b:2"))).getMessage().contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> QuorumConfig.fromProperties(
                Map.of("process.roles", "broker,leader"))).getMessage().contains("process.roles"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> QuorumConfig.fromProperties(
                Map.of("controller.quorum.bootstrap.servers", "a:9093"))).getMessage().contains("not supported yet"));
    }
}
