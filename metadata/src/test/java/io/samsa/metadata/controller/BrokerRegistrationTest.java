package io.samsa.metadata.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.metadata.controller.api.BrokerHeartbeatRequest;
import io.samsa.metadata.controller.api.BrokerHeartbeatResponse;
import io.samsa.metadata.controller.api.RegisterBrokerRequest;
import io.samsa.metadata.controller.api.RegisterBrokerResponse;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.Uuid;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrokerRegistrationTest {

    @Test
    void aNewRegistrationIsFencedUntilItsFirstHeartbeat() {
        ControllerTestContext ctx = new ControllerTestContext();
        RegisterBrokerResponse response = ctx.register(1, ctx.newIncarnation(1));
        assertEquals(ErrorCode.NONE, response.error().error());
        assertEquals(1, response.brokerEpoch());
        assertTrue(ctx.image.broker(1).fenced());

        BrokerHeartbeatResponse heartbeat = ctx.heartbeat(1, false);
        assertFalse(heartbeat.isFenced());
        assertFalse(ctx.image.broker(1).fenced());
        assertEquals(ControllerTestContext.CLUSTER_ID, ctx.image.clusterId().orElseThrow());
    }

    @Test
    void aBrokerIsUnfencedOnlyOnceItHasAppliedItsOwnRegistration() {
        ControllerTestContext ctx = new ControllerTestContext();
        ctx.register(1, ctx.newIncarnation(1));
        long registeredAt = ctx.image.broker(1).registeredOffset();
        assertEquals(ctx.image.offset(), registeredAt);
        BrokerHeartbeatResponse behind = ctx.commit(ctx.controller.brokerHeartbeat(ctx.image,
                new BrokerHeartbeatRequest(1, ctx.epochs.get(1), registeredAt - 1, false, false), ctx.nowMs()));
        assertFalse(behind.isCaughtUp());
        assertTrue(behind.isFenced());
        BrokerHeartbeatResponse caughtUp = ctx.commit(ctx.controller.brokerHeartbeat(ctx.image,
                new BrokerHeartbeatRequest(1, ctx.epochs.get(1), registeredAt, false, false), ctx.nowMs()));
        assertTrue(caughtUp.isCaughtUp());
        assertFalse(caughtUp.isFenced());
    }

    @Test
    void theSameIncarnationRegisteringAgainKeepsItsEpochAndWritesNothing() {
        ControllerTestContext ctx = new ControllerTestContext();
        long epoch = ctx.startBroker(1);
        int logSize = ctx.log.size();
        RegisterBrokerResponse again = ctx.register(1, ctx.incarnations.get(1));
        assertEquals(epoch, again.brokerEpoch());
        assertEquals(logSize, ctx.log.size());
    }

    @Test
    void aNewIncarnationWhileTheOldSessionLivesIsADuplicateRegistration() {
        ControllerTestContext ctx = new ControllerTestContext();
        ctx.startBroker(1);
        RegisterBrokerResponse duplicate = ctx.register(1, new Uuid(99, 99));
        assertEquals(ErrorCode.DUPLICATE_BROKER_REGISTRATION, duplicate.error().error());
        assertEquals("Another broker is registered with that broker id.", duplicate.error().message());
    }

    @Test
    void aNewIncarnationAfterTheSessionExpiredGetsAHigherEpoch() {
        ControllerTestContext ctx = new ControllerTestContext();
        long first = ctx.startBroker(1);
        ctx.startBroker(2);
        assertEquals(List.of(1, 2), ctx.sleep(ControllerConfig.SESSION_TIMEOUT_MS_DEFAULT));
        long second = ctx.startBroker(1);
        assertTrue(second > first && second > ctx.image.broker(2).epoch(), first + " then " + second);
    }

    @Test
    void aHeartbeatOfAnOldIncarnationIsStaleAndAnUnknownBrokerIsNotRegistered() {
        ControllerTestContext ctx = new ControllerTestContext();
        long oldEpoch = ctx.startBroker(1);
        ctx.sleep(ControllerConfig.SESSION_TIMEOUT_MS_DEFAULT);
        ctx.startBroker(1);
        BrokerHeartbeatResponse stale = ctx.commit(ctx.controller.brokerHeartbeat(ctx.image,
                new BrokerHeartbeatRequest(1, oldEpoch, 0, false, false), ctx.nowMs()));
        assertEquals(ErrorCode.STALE_BROKER_EPOCH, stale.error().error());
        assertEquals("Expected broker epoch " + ctx.epochs.get(1) + ", but got broker epoch " + oldEpoch,
                stale.error().message());

        BrokerHeartbeatResponse unknown = ctx.commit(ctx.controller.brokerHeartbeat(ctx.image,
                new BrokerHeartbeatRequest(5, 1, 0, false, false), ctx.nowMs()));
        assertEquals(ErrorCode.BROKER_ID_NOT_REGISTERED, unknown.error().error());
    }

    @Test
    void aBrokerIdOutsideTheAllowedSetAndAnotherClusterAreRefused() {
        ControllerTestContext ctx = new ControllerTestContext(ControllerConfig.defaults().withAllowedBrokerIds(Set.of(1, 2)));
        RegisterBrokerResponse notAllowed = ctx.register(7, ctx.newIncarnation(7));
        assertEquals(ErrorCode.INVALID_REGISTRATION, notAllowed.error().error());
        assertTrue(notAllowed.error().message().contains("Broker ID 7 is not one of this cluster's brokers"),
                notAllowed.error().message());

        RegisterBrokerResponse otherCluster = ctx.commit(ctx.controller.registerBroker(ctx.image,
                new RegisterBrokerRequest(1, "another-cluster", new Uuid(1, 1), List.of(), Optional.empty()), ctx.nowMs()));
        assertEquals(ErrorCode.INCONSISTENT_CLUSTER_ID, otherCluster.error().error());
        assertEquals("Expected cluster ID " + ControllerTestContext.CLUSTER_ID + ", but got cluster ID another-cluster",
                otherCluster.error().message());
    }

    @Test
    void aBrokerIsFencedWhenItsSessionExpiresAndNotBefore() {
        ControllerTestContext ctx = new ControllerTestContext();
        ctx.startBroker(1);
        ctx.startBroker(2);
        assertEquals(List.of(), ctx.sleep(ControllerConfig.SESSION_TIMEOUT_MS_DEFAULT - 1));
        ctx.heartbeatAll(2);
        assertEquals(List.of(1), ctx.sleep(1));
        assertTrue(ctx.image.broker(1).fenced());
        assertFalse(ctx.image.broker(2).fenced());

        assertFalse(ctx.heartbeat(1, false).isFenced(), "a heartbeat unfences it again");
    }

    @Test
    void aNewActiveControllerGivesEveryBrokerAFreshSession() {
        ControllerTestContext ctx = new ControllerTestContext();
        ctx.startBroker(1);
        ctx.time.advance(ControllerConfig.SESSION_TIMEOUT_MS_DEFAULT - 1);
        ctx.commit(ctx.controller.activate(ctx.image, ControllerTestContext.CLUSTER_ID, ctx.nowMs()));
        assertEquals(List.of(), ctx.sleep(ControllerConfig.SESSION_TIMEOUT_MS_DEFAULT - 1));
        assertEquals(List.of(1), ctx.sleep(1));
    }

    @Test
    void theBrokerOfTheLeaderAnElectionReplacedHasItsSessionCountedFromBeforeTheElection() {
        ControllerTestContext ctx = new ControllerTestContext();
        ctx.startBroker(1);
        ctx.startBroker(2);
        long silence = 1_500;
        // node 2 led the quorum and died with its broker; node 1 takes over after an election timeout
        ctx.commit(ctx.controller.activate(ctx.image, ControllerTestContext.CLUSTER_ID, ctx.nowMs(), 2, silence));
        assertEquals(List.of(), ctx.sleep(ControllerConfig.SESSION_TIMEOUT_MS_DEFAULT - silence - 1));
        ctx.heartbeat(1, false);
        assertEquals(List.of(2), ctx.sleep(1), "fenced a session timeout after it went silent");
        assertEquals(List.of(), ctx.sleep(silence), "the others keep their full fresh session");
        assertEquals(List.of(1), ctx.sleep(ControllerConfig.SESSION_TIMEOUT_MS_DEFAULT));
    }

    @Test
    void aLostLeaderThatIsStillAliveKeepsItsSessionByHeartbeating() {
        ControllerTestContext ctx = new ControllerTestContext();
        ctx.startBroker(1);
        ctx.startBroker(2);
        ctx.commit(ctx.controller.activate(ctx.image, ControllerTestContext.CLUSTER_ID, ctx.nowMs(), 2, 1_500));
        ctx.time.advance(2_000);
        ctx.heartbeatAll(1, 2);
        assertEquals(List.of(), ctx.sleep(ControllerConfig.SESSION_TIMEOUT_MS_DEFAULT - 1));
    }

    @Test
    void controlledShutdownFencesAndMovesLeadership() {
        ControllerTestContext ctx = new ControllerTestContext();
        ctx.startBroker(1);
        ctx.startBroker(2);
        ctx.createTopic("t", 2, 2);
        BrokerHeartbeatResponse response = ctx.commit(ctx.controller.brokerHeartbeat(ctx.image,
                new BrokerHeartbeatRequest(1, ctx.epochs.get(1), 0, false, true), ctx.nowMs()));
        assertTrue(response.shouldShutDown());
        assertTrue(response.isFenced());
        for (int p = 0; p < 2; p++) {
            assertEquals(2, ctx.partition("t", p).leader());
            assertFalse(ctx.partition("t", p).isrContains(1));
        }
    }
}
