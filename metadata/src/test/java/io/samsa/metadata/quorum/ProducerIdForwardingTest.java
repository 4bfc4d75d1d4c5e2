package io.samsa.metadata.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.metadata.controller.api.ProducerIdBlock;
import io.samsa.metadata.controller.api.RegisterBrokerRequest;
import io.samsa.metadata.controller.api.RegisterBrokerResponse;
import io.samsa.metadata.image.Endpoint;
import io.samsa.metadata.rpc.ControllerRpc;
import io.samsa.metadata.rpc.ControllerRpcs;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.Uuid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AllocateProducerIds forwarded to the active controller of three voters: blocks from different
 * brokers and after a controller change never overlap, and a stale broker epoch is refused.
 */
class ProducerIdForwardingTest {
    private static final long DEADLINE_MS = 15_000;

    private static <T> T forward(TestQuorum quorum, int node, ControllerRpc<T> rpc) {
        try {
            return quorum.node(node).forward(rpc, DEADLINE_MS).get(DEADLINE_MS + 5_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("forwarded from node " + node, e);
        }
    }

    private static long register(TestQuorum quorum, int from, int broker) {
        RegisterBrokerResponse registered = forward(quorum, from, ControllerRpcs.registerBroker(new RegisterBrokerRequest(
                broker, quorum.node(from).clusterId(), new Uuid(11, broker),
                List.of(new Endpoint("PLAINTEXT", "127.0.0.1", 9100 + broker, "PLAINTEXT")), Optional.empty())));
        assertEquals(ErrorCode.NONE, registered.error().error(), registered.error().message());
        return registered.brokerEpoch();
    }

    private static void assertDisjointAndOrdered(List<ProducerIdBlock> blocks) {
        for (int i = 1; i < blocks.size(); i++) {
            ProducerIdBlock before = blocks.get(i - 1);
            assertTrue(blocks.get(i).firstProducerId() >= before.firstProducerId() + before.size(),
                    "block " + i + " overlaps the one before: " + blocks);
        }
    }

    @Test
    void blocksNeverOverlapAcrossBrokersAndControllers(@TempDir Path root) throws Exception {
        try (TestQuorum quorum = new TestQuorum(root, 3, Map.of())) {
            quorum.startAll();
            int leader = quorum.awaitActive();
            int follower = quorum.running().stream().filter(id -> id != leader).findFirst().orElseThrow();
            long epoch1 = register(quorum, follower, 1);
            long epoch2 = register(quorum, leader, 2);

            List<ProducerIdBlock> blocks = new ArrayList<>();
            blocks.add(forward(quorum, follower, ControllerRpcs.allocateProducerIds(1, epoch1)));
            blocks.add(forward(quorum, leader, ControllerRpcs.allocateProducerIds(2, epoch2)));
            for (ProducerIdBlock block : blocks) {
                assertEquals(ErrorCode.NONE, block.error().error(), block.error().message());
                assertTrue(block.size() > 0);
            }
            assertEquals(0, blocks.get(0).firstProducerId());

            ProducerIdBlock stale = forward(quorum, follower, ControllerRpcs.allocateProducerIds(1, epoch1 + 100));
            assertEquals(ErrorCode.STALE_BROKER_EPOCH, stale.error().error());
            assertEquals(-1, stale.firstProducerId());

            quorum.stop(leader);
            int next = quorum.awaitActive();
            blocks.add(forward(quorum, next, ControllerRpcs.allocateProducerIds(1, epoch1)));
            assertEquals(ErrorCode.NONE, blocks.get(2).error().error(), blocks.get(2).error().message());
            assertDisjointAndOrdered(blocks);
            long end = blocks.get(2).firstProducerId() + blocks.get(2).size();
            quorum.awaitAll("the image's next producer id past every block", image -> image.nextProducerId() == end);
        }
    }
}
