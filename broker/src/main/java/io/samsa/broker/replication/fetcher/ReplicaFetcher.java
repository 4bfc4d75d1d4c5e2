package io.samsa.broker.replication.fetcher;

import io.netty.channel.EventLoopGroup;
import io.samsa.broker.replication.ReplicaEndpoints;
import io.samsa.broker.replication.ReplicatedPartition;
import io.samsa.broker.replication.ReplicationConfig;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.header.Frames;
import io.samsa.protocol.header.RequestHeader;
import io.samsa.protocol.message.FetchResponse;
import io.samsa.protocol.message.ListOffsetsResponse;
import io.samsa.protocol.message.OffsetForLeaderEpochResponse;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.types.ApiMessage;
import io.samsa.protocol.types.DecodeLimits;
import io.samsa.protocol.util.Time;
import io.samsa.storage.EpochEndOffset;
import io.samsa.storage.InvalidAppendOffsetException;
import io.samsa.storage.TopicPartition;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replicates the partitions this broker follows from one leader (Kafka's ReplicaFetcherThread, but
 * without a thread of its own blocked on the network): one connection, one request in flight.
 *
 * <pre>
 *   partitions with a new leader epoch ──▶ OffsetForLeaderEpoch(latest epoch) ──▶ truncate to the
 *   divergence point (rounds, KIP-279) ──▶ Fetch(replica_id, offset = log end) ──▶ append as follower,
 *   high watermark = min(leader's, log end) ──▶ next Fetch (the leader parks it up to replica.fetch.wait.max.ms)
 *   OFFSET_OUT_OF_RANGE ──▶ ListOffsets(EARLIEST): restart the log at the leader's start when it ends
 *   before it, else run the divergence check again
 * </pre>
 *
 * <p>All state lives on one worker thread (a single-thread executor): appends and truncation do
 * blocking file I/O there, never on the Netty event loop, which only frames bytes. A partition with
 * an error backs off replica.fetch.backoff.ms; a lost connection or one silent for
 * replica.socket.timeout.ms is dropped and re-opened after the same backoff.
 *
 * <p>Thread-safe: public methods only post work to the worker.
 */
final class ReplicaFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaFetcher.class);
    /** Room for headers around the records a fetch may carry. */
    private static final int FRAME_SLACK_BYTES = 1 << 20;

    private final int leaderId;
    private final ReplicationConfig config;
    private final Time time;
    private final ReplicaEndpoints endpoints;
    private final EventLoopGroup group;
    private final ScheduledExecutorService worker;
    private final Function<TopicPartition, Optional<ReplicatedPartition>> partitions;
    private final Map<TopicPartition, FetchState> states = new HashMap<>();
    private final String clientId;
    private LeaderConnection connection;
    private boolean connecting;
    private InFlight inFlight;
    private int correlationId;
    private ScheduledFuture<?> wakeUp;
    private boolean closed;

    /** A request awaiting its response, with the partition states it was sent for. */
    private record InFlight(int correlationId, short apiKey, short version, Map<TopicPartition, FetchState> sentFor,
                            Map<TopicPartition, Integer> requestedEpochs, ScheduledFuture<?> timeout) {
    }

    ReplicaFetcher(int leaderId, ReplicationConfig config, Time time, ReplicaEndpoints endpoints, EventLoopGroup group,
                   ScheduledExecutorService worker, Function<TopicPartition, Optional<ReplicatedPartition>> partitions) {
        this.leaderId = leaderId;
        this.config = config;
        this.time = time;
        this.endpoints = endpoints;
        this.group = group;
        this.worker = worker;
        this.partitions = partitions;
        this.clientId = "samsa-replica-fetcher-" + config.nodeId() + "-from-" + leaderId;
    }

    /** Starts (or restarts, for a new leader epoch) replicating a partition: first the divergence check. */
    void add(TopicPartition partition, FetchState state) {
        worker.execute(() -> {
            states.put(partition, state);
            doWork();
        });
    }

    void remove(TopicPartition partition) {
        worker.execute(() -> states.remove(partition));
    }

    /** Drops the connection; a response in flight is ignored. */
    void close() {
        worker.execute(() -> {
            closed = true;
            states.clear();
            if (connection != null) {
                connection.close();
            }
        });
    }

    /** One step: connect, or send the next request when none is in flight. Worker thread. */
    private void doWork() {
        if (closed || inFlight != null || connecting || states.isEmpty()) {
            return;
        }
        if (connection == null || !connection.isActive()) {
            connect();
            return;
        }
        long nowMs = time.milliseconds();
        Map<TopicPartition, FetchState> truncating = new HashMap<>();
        Map<TopicPartition, FetchState> outOfRange = new HashMap<>();
        Map<TopicPartition, FetchState> fetching = new HashMap<>();
        long nextReadyMs = Long.MAX_VALUE;
        for (Map.Entry<TopicPartition, FetchState> entry : states.entrySet()) {
            FetchState state = entry.getValue();
            if (!state.ready(nowMs)) {
                nextReadyMs = Math.min(nextReadyMs, state.backoffUntilMs());
            } else if (state.truncating()) {
                truncating.put(entry.getKey(), state);
            } else if (state.outOfRange()) {
                outOfRange.put(entry.getKey(), state);
            } else {
                fetching.put(entry.getKey(), state);
            }
        }
        if (!truncating.isEmpty()) {
            sendOffsetForLeaderEpoch(truncating);
        } else if (!outOfRange.isEmpty()) {
            sendListEarliestOffsets(outOfRange);
        } else if (!fetching.isEmpty()) {
            sendFetch(fetching);
        } else if (nextReadyMs != Long.MAX_VALUE) {
            wakeUpAt(nextReadyMs - nowMs);
        }
    }

    private void wakeUpAt(long delayMs) {
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
        wakeUp = worker.schedule(this::doWork, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
    }

    private void connect() {
        Optional<InetSocketAddress> address = endpoints.address(leaderId);
        if (address.isEmpty()) {
            LOG.warn("No address for leader {}; retrying in {} ms", leaderId, config.fetchBackoffMs());
            wakeUpAt(config.fetchBackoffMs());
            return;
        }
        connecting = true;
        Executor post = task -> {
            try {
                worker.execute(task);
            } catch (RejectedExecutionException e) {
                // shut down: nothing left to do
            }
        };
        LeaderConnection.connect(group, address.get(), config.fetchResponseMaxBytes() + FRAME_SLACK_BYTES,
                (int) Math.min(Integer.MAX_VALUE, config.socketTimeoutMs()), post,
                opened -> {
                    connecting = false;
                    if (closed) {
                        opened.close();
                        return;
                    }
                    connection = opened;
                    doWork();
                },
                this::onFrame, this::onClosed);
    }

    /** The connection failed or closed: forget the request in flight, reconnect after the backoff. */
    private void onClosed() {
        connecting = false;
        if (inFlight != null && inFlight.timeout() != null) {
            inFlight.timeout().cancel(false);
        }
        inFlight = null;
        connection = null;
        if (!closed) {
            wakeUpAt(config.fetchBackoffMs());
        }
    }

    private void sendOffsetForLeaderEpoch(Map<TopicPartition, FetchState> truncating) {
        Map<TopicPartition, FetchState> asked = new HashMap<>();
        Map<TopicPartition, Integer> epochs = new HashMap<>();
        for (Map.Entry<TopicPartition, FetchState> entry : truncating.entrySet()) {
            FetchState state = entry.getValue();
            int latest = state.log().latestEpoch();
            if (latest < 0) {
                truncate(entry.getKey(), state, DivergencePoint.of(state.log(), -1, EpochEndOffset.UNDEFINED));
            } else {
                asked.put(entry.getKey(), state);
                epochs.put(entry.getKey(), latest);
            }
        }
        if (asked.isEmpty()) {
            doWork();
            return;
        }
        send(FollowerRequests.offsetForLeaderEpoch(config.nodeId(), asked, epochs),
                FollowerRequests.OFFSET_FOR_LEADER_EPOCH_VERSION, asked, epochs);
    }

    /** Asks the leader for its log start offsets (ListOffsets EARLIEST), after OFFSET_OUT_OF_RANGE. */
    private void sendListEarliestOffsets(Map<TopicPartition, FetchState> partitions) {
        send(FollowerRequests.earliestOffsets(config.nodeId(), partitions), FollowerRequests.LIST_OFFSETS_VERSION,
                partitions, Map.of());
    }

    /**
     * The leader's log start: a log ending before it restarts there (the leader deleted what this
     * log lacks); otherwise this log is ahead of the leader's end, which the divergence check cuts.
     */
    private void onListOffsetsResponse(InFlight request, ListOffsetsResponse response) {
        for (ListOffsetsResponse.ListOffsetsTopicResponse topic : response.topics()) {
            for (ListOffsetsResponse.ListOffsetsPartitionResponse result : topic.partitions()) {
                TopicPartition partition = new TopicPartition(topic.name(), result.partitionIndex());
                FetchState state = answered(request, partition, result.errorCode());
                if (state == null) {
                    continue;
                }
                state.outOfRange(false);
                if (result.offset() > state.log().logEndOffset()) {
                    LOG.info("Follower {} restarts {} at the leader's log start {}", config.nodeId(), partition, result.offset());
                    state.log().truncateFullyAndStartAt(result.offset());
                } else {
                    state.truncating(true);
                }
            }
        }
    }

    private void sendFetch(Map<TopicPartition, FetchState> fetching) {
        send(FollowerRequests.fetch(config, fetching), FollowerRequests.FETCH_VERSION, fetching, Map.of());
    }

    private void send(ApiMessage request, short version, Map<TopicPartition, FetchState> sentFor,
                      Map<TopicPartition, Integer> epochs) {
        int id = ++correlationId;
        ByteBuffer frame = Frames.encodeRequest(new RequestHeader(request.apiKey(), version, id, clientId), request);
        long waitMs = config.socketTimeoutMs() + (request.apiKey() == ApiKey.FETCH.id() ? config.fetchWaitMaxMs() : 0);
        LeaderConnection sentOn = connection;
        ScheduledFuture<?> timeout = worker.schedule(() -> {
            if (inFlight != null && inFlight.correlationId() == id) {
                LOG.warn("Leader {} did not answer {} within {} ms; reconnecting", leaderId, ApiKey.forId(request.apiKey()), waitMs);
                sentOn.close();
            }
        }, waitMs, TimeUnit.MILLISECONDS);
        inFlight = new InFlight(id, request.apiKey(), version, sentFor, epochs, timeout);
        sentOn.send(frame);
    }

    private void onFrame(ByteBuffer frame) {
        InFlight request = inFlight;
        if (closed || request == null || Frames.peekCorrelationId(frame) != request.correlationId()) {
            return;
        }
        inFlight = null;
        request.timeout().cancel(false);
        try {
            ApiMessage body = Frames.decodeResponse(frame, request.apiKey(), request.version(), DecodeLimits.DEFAULT).body();
            if (body instanceof FetchResponse fetch) {
                onFetchResponse(request, fetch);
            } else if (body instanceof OffsetForLeaderEpochResponse epochs) {
                onOffsetForLeaderEpochResponse(request, epochs);
            } else if (body instanceof ListOffsetsResponse offsets) {
                onListOffsetsResponse(request, offsets);
            }
        } catch (RuntimeException e) {
            LOG.error("Replication from leader {} failed; backing off", leaderId, e);
            long untilMs = time.milliseconds() + config.fetchBackoffMs();
            request.sentFor().values().forEach(state -> state.backOff(untilMs));
        }
        doWork();
    }

    private void onOffsetForLeaderEpochResponse(InFlight request, OffsetForLeaderEpochResponse response) {
        for (OffsetForLeaderEpochResponse.OffsetForLeaderTopicResult topic : response.topics()) {
            for (OffsetForLeaderEpochResponse.EpochEndOffset result : topic.partitions()) {
                TopicPartition partition = new TopicPartition(topic.topic(), result.partition());
                FetchState state = answered(request, partition, result.errorCode());
                if (state == null) {
                    continue;
                }
                int requested = request.requestedEpochs().get(partition);
                truncate(partition, state, DivergencePoint.of(state.log(), requested,
                        new EpochEndOffset(result.leaderEpoch(), result.endOffset())));
            }
        }
    }

    private void truncate(TopicPartition partition, FetchState state, DivergencePoint point) {
        if (state.log().truncateTo(point.truncateTo())) {
            LOG.info("Follower {} truncated {} to {} for leader {} epoch {}", config.nodeId(), partition,
                    state.log().logEndOffset(), leaderId, state.leaderEpoch());
        }
        state.truncating(!point.done());
    }

    private void onFetchResponse(InFlight request, FetchResponse response) {
        if (response.errorCode() != ErrorCode.NONE.code()) {
            long untilMs = time.milliseconds() + config.fetchBackoffMs();
            request.sentFor().values().forEach(state -> state.backOff(untilMs));
            return;
        }
        for (FetchResponse.FetchableTopicResponse topic : response.responses()) {
            for (FetchResponse.PartitionData data : topic.partitions()) {
                TopicPartition partition = new TopicPartition(topic.topic(), data.partitionIndex());
                FetchState state = current(request, partition);
                if (state != null) {
                    onPartitionData(partition, state, data);
                }
            }
        }
    }

    private void onPartitionData(TopicPartition partition, FetchState state, FetchResponse.PartitionData data) {
        ErrorCode error = ErrorCode.forCode(data.errorCode());
        if (error == ErrorCode.OFFSET_OUT_OF_RANGE) {
            state.outOfRange(true);
            return;
        }
        if (error != ErrorCode.NONE) {
            backOff(partition, state, error);
            return;
        }
        if (data.records() instanceof MemoryRecords records && records.sizeInBytes() > 0) {
            try {
                state.log().appendAsFollower(records);
            } catch (InvalidAppendOffsetException e) {
                LOG.warn("Follower {} out of step with leader {} on {}: {}", config.nodeId(), leaderId, partition, e.getMessage());
                state.truncating(true);
                return;
            }
        }
        partitions.apply(partition).ifPresent(replicated -> replicated.updateFollowerHighWatermark(data.highWatermark()));
        long leaderStart = Math.min(data.logStartOffset(), state.log().logEndOffset());
        if (leaderStart > state.log().logStartOffset()) {
            state.log().deleteRecordsBefore(leaderStart); // the leader's DeleteRecords or retention moved its start
        }
    }

    /** @return the partition's state if it is still the one the request was sent for, else null (a newer role replaced it) */
    private FetchState current(InFlight request, TopicPartition partition) {
        FetchState sent = request.sentFor().get(partition);
        return sent != null && states.get(partition) == sent ? sent : null;
    }

    /** @return the partition's state when the answer is for it and has no error (an error backs it off), else null */
    private FetchState answered(InFlight request, TopicPartition partition, short errorCode) {
        FetchState state = current(request, partition);
        if (state != null && errorCode != ErrorCode.NONE.code()) {
            backOff(partition, state, ErrorCode.forCode(errorCode));
            return null;
        }
        return state;
    }

    private void backOff(TopicPartition partition, FetchState state, ErrorCode error) {
        LOG.debug("Follower {}: {} from leader {} on {}; backing off", config.nodeId(), error, leaderId, partition);
        state.backOff(time.milliseconds() + config.fetchBackoffMs());
    }
}
