package io.samsa.benchmarks.sidebyside;

import io.samsa.protocol.message.HeartbeatRequest;
import io.samsa.protocol.message.HeartbeatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Heartbeats per second the group coordinator sustains: {@link #GROUPS} classic groups of
 * {@link #MEMBERS_PER_GROUP} members are formed over the raw protocol ({@link RawGroupFormation}), then
 * {@link #CONNECTIONS} connections, one thread each, keep {@link #PIPELINE_DEPTH} Heartbeat v4 requests
 * in flight, cycling through all members (so every member stays alive and every group's coordinator
 * partition is loaded). After a warm-up, responses with error 0 are counted for the measured window.
 * The same client code runs against both brokers.
 *
 * <p>Stateless; each run uses its own threads and connections and closes them.
 */
final class HeartbeatRun {
    static final int GROUPS = 10;
    static final int MEMBERS_PER_GROUP = 10;
    static final int CONNECTIONS = 8;
    static final int PIPELINE_DEPTH = 16;
    static final int SESSION_TIMEOUT_MS = 30_000;
    static final long WARMUP_MS = 3_000;
    private static final long FORM_TIMEOUT_MS = 60_000;

    private HeartbeatRun() {
    }

    static HeartbeatResult run(String bootstrapServers, int measuredSeconds) {
        List<RawGroupFormation.JoinedMember> members = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            members.addAll(RawGroupFormation.form(bootstrapServers, "heartbeat-" + g, MEMBERS_PER_GROUP, SESSION_TIMEOUT_MS,
                FORM_TIMEOUT_MS));
        }
        long measureFromNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WARMUP_MS);
        long measureToNs = measureFromNs + TimeUnit.SECONDS.toNanos(measuredSeconds);
        LongAdder ok = new LongAdder();
        LongAdder errors = new LongAdder();
        List<CompletableFuture<Void>> loads = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            int first = c;
            loads.add(CompletableFuture.runAsync(() -> load(bootstrapServers, members, first, measureFromNs, measureToNs, ok, errors),
                runnable -> startThread(runnable, "heartbeat-load-" + first)));
        }
        CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).join();
        return new HeartbeatResult(GROUPS, MEMBERS_PER_GROUP, CONNECTIONS, PIPELINE_DEPTH, ok.sum(), errors.sum(),
            (measureToNs - measureFromNs) / 1e9);
    }

    private static void startThread(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** One connection: keep the pipeline full until the window ends, count answers inside it, then drain. */
    private static void load(String bootstrapServers, List<RawGroupFormation.JoinedMember> members, int first,
                             long measureFromNs, long measureToNs, LongAdder ok, LongAdder errors) {
        List<HeartbeatRequest> requests = members.stream().map(RawGroupFormation.JoinedMember::heartbeat).toList();
        int next = first;
        try (WireConnection connection = new WireConnection(bootstrapServers)) {
            for (int i = 0; i < PIPELINE_DEPTH; i++) {
                connection.send(requests.get(next % requests.size()), RawGroupFormation.HEARTBEAT_VERSION);
                next += CONNECTIONS;
            }
            while (true) {
                HeartbeatResponse response = connection.receive();
                long nowNs = System.nanoTime();
                if (nowNs - measureFromNs >= 0 && nowNs - measureToNs < 0) {
                    (response.errorCode() == 0 ? ok : errors).increment();
                }
                if (nowNs - measureToNs >= 0) {
                    break;
                }
                connection.send(requests.get(next % requests.size()), RawGroupFormation.HEARTBEAT_VERSION);
                next += CONNECTIONS;
            }
            while (connection.inFlight() > 0) {
                connection.receive();
            }
        }
    }
}
