package io.samsa.broker.group;

import io.samsa.coordinator.offsets.TopicMetadataLookup;
import static io.samsa.broker.group.GroupRequests.commit;
import static io.samsa.broker.group.GroupRequests.join;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.broker.Broker;
import io.samsa.broker.metadata.LocalBroker;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.coordinator.GroupCoordinatorConfig;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.coordinator.runtime.InMemoryCoordinatorLog;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.FindCoordinatorRequest;
import io.samsa.protocol.message.FindCoordinatorResponse;
import io.samsa.protocol.message.JoinGroupResponse;
import io.samsa.protocol.message.OffsetCommitResponse;
import io.samsa.protocol.message.OffsetFetchRequest.OffsetFetchRequestGroup;
import io.samsa.protocol.message.OffsetFetchRequest;
import io.samsa.protocol.message.OffsetFetchResponse;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.Time;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handlers when the coordinator cannot answer for a group: its offsets partition is not held
 * by this node (NOT_COORDINATOR; FindCoordinator COORDINATOR_NOT_AVAILABLE), or is still loading
 * (COORDINATOR_LOAD_IN_PROGRESS). A single node holds every partition, so the coordinator here
 * runs over an in-memory log whose elections and loads the test controls.
 */
class CoordinatorAvailabilityTest {
    private static final int PARTITIONS = 3;
    private static final int ABSENT_PARTITION = 2;

    private final InMemoryCoordinatorLog log = new InMemoryCoordinatorLog();
    private GroupCoordinatorService service;
    private Broker broker;
    private GroupWireClient client;
    private String groupId;

    @BeforeEach
    void start() throws Exception {
        service = GroupCoordinatorService.start(GroupCoordinatorConfig.fromProperties(Map.of(
                GroupCoordinatorConfig.OFFSETS_TOPIC_PARTITIONS, Integer.toString(PARTITIONS),
                GroupCoordinatorConfig.GROUP_INITIAL_REBALANCE_DELAY_MS, "0")), Time.SYSTEM, log, TopicMetadataLookup.ALL_KNOWN);
        for (int partition = 0; partition < PARTITIONS; partition++) {
            if (partition != ABSENT_PARTITION) {
                service.onElection(partition).get(10, TimeUnit.SECONDS);
            }
        }
        Supplier<GroupCoordinatorService> coordinator = () -> service;
        Supplier<LocalBroker> self = () -> new LocalBroker(0, "cluster", "127.0.0.1", broker.boundPort(), null);
        broker = TestBrokers.start(Map.of(), new FindCoordinatorApi(coordinator, CoordinatorLocator.local(coordinator, self)), new JoinGroupApi(coordinator),
                new OffsetCommitApi(coordinator), new OffsetFetchApi(coordinator));
        client = new GroupWireClient(broker.boundPort());
        int suffix = 0;
        while (service.partitionFor("group-" + suffix) != ABSENT_PARTITION) {
            suffix++;
        }
        groupId = "group-" + suffix;
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        broker.close();
        service.close();
    }

    @Test
    void aGroupWhosePartitionIsNotHeldIsNotCoordinatedHereUntilElected() throws Exception {
        FindCoordinatorResponse found = client.call(new FindCoordinatorRequest().setKey(groupId), 1);
        assertEquals(ErrorCode.COORDINATOR_NOT_AVAILABLE.code(), found.errorCode());
        assertEquals(ErrorCode.NOT_COORDINATOR.code(), ((JoinGroupResponse) client.call(join(groupId, ""), 5)).errorCode());
        OffsetCommitResponse committed = client.call(commit(groupId, "", -1, "t", 1, 2), 8);
        committed.topics().get(0).partitions().forEach(p -> assertEquals(ErrorCode.NOT_COORDINATOR.code(), p.errorCode()));
        assertEquals(ErrorCode.NOT_COORDINATOR.code(), fetchAll().errorCode());

        service.onElection(ABSENT_PARTITION).get(10, TimeUnit.SECONDS);
        FindCoordinatorResponse elected = client.call(new FindCoordinatorRequest().setKey(groupId), 1);
        assertEquals(ErrorCode.NONE.code(), elected.errorCode());
        assertEquals(broker.boundPort(), elected.port());
        assertEquals(ErrorCode.NONE.code(), ((JoinGroupResponse) client.call(join(groupId, ""), 2)).errorCode());
    }

    @Test
    void requestsWhileThePartitionLoadsAreToldToRetry() throws Exception {
        log.holdLoads(true);
        service.onElection(ABSENT_PARTITION);
        assertEquals(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS.code(), ((JoinGroupResponse) client.call(join(groupId, ""), 5)).errorCode());
        assertEquals(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS.code(), fetchAll().errorCode());

        log.releaseLoad(ABSENT_PARTITION);
        Await.until(Duration.ofSeconds(10), "the partition loaded",
                () -> fetchAllQuietly() == ErrorCode.NONE.code());
    }

    private OffsetFetchResponse.OffsetFetchResponseGroup fetchAll() throws Exception {
        OffsetFetchResponse response = client.call(new OffsetFetchRequest().setGroups(List.of(
                new OffsetFetchRequestGroup().setGroupId(groupId).setTopics(null))), 9);
        return response.groups().get(0);
    }

    private short fetchAllQuietly() {
        try {
            return fetchAll().errorCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
