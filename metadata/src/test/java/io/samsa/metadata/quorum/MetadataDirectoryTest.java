package io.samsa.metadata.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataDirectoryTest {
    @TempDir
    Path dir;

    private QuorumConfig config(int nodeId, String voters, String subdir, Map<String, String> extra) {
        Map<String, String> props = new java.util.HashMap<>(Map.of("node.id", Integer.toString(nodeId),
                "process.roles", "broker,controller", "controller.quorum.voters", voters,
                "log.dirs", dir.resolve(subdir).toString()));
        props.putAll(extra);
        return QuorumConfig.fromProperties(props);
    }

    @Test
    void nodesThatNameTheSameVotersByOtherAddressesDeriveOneClusterId() {
        String one = MetadataDirectory.loadOrCreateClusterId(
                config(1, "1@127.0.0.1:9093,2@127.0.0.1:9094,3@127.0.0.1:9095", "n1", Map.of()));
        String two = MetadataDirectory.loadOrCreateClusterId(
                config(2, "1@localhost:19093,2@node-b:9094,3@10.0.0.3:7000", "n2", Map.of()));
        assertEquals(one, two, "the derived id rests on the voter ids only");
        String otherVoters = MetadataDirectory.loadOrCreateClusterId(
                config(1, "1@127.0.0.1:9093,2@127.0.0.1:9094,4@127.0.0.1:9095", "n3", Map.of()));
        assertNotEquals(one, otherVoters);
    }

    @Test
    void aConfiguredClusterIdFormatsANewDirectoryAndRefusesAnotherClustersDirectory() {
        String voters = "1@127.0.0.1:9093,2@127.0.0.1:9094,3@127.0.0.1:9095";
        assertEquals("AAAAAAAAAAAAAAAAAAAAAQ",
                MetadataDirectory.loadOrCreateClusterId(config(1, voters, "n1", Map.of("cluster.id", "AAAAAAAAAAAAAAAAAAAAAQ"))));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> MetadataDirectory
                .loadOrCreateClusterId(config(1, voters, "n1", Map.of("cluster.id", "AAAAAAAAAAAAAAAAAAAAAg"))));
        assertEquals(true, refused.getMessage().contains("belongs to cluster AAAAAAAAAAAAAAAAAAAAAQ"), refused.getMessage());
    }
}
