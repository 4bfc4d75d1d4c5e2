package io.samsa.protocol.message;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.ProtocolDecodeException;
import io.samsa.protocol.types.ByteBufferReadable;
import io.samsa.protocol.types.Message;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Feeds Samsa's decoders seeded corruptions of valid messages (kafka-clients encodings of the
 * compatibility table's random trees): truncations, byte flips, and lengths/counts overwritten
 * with huge or negative values. Each decode must end in success or
 * {@link ProtocolDecodeException}: any other exception, an error, a decode over
 * {@value #DECODE_TIMEOUT_MS} ms or one allocating far more than its input could justify fails.
 * Decodes run on one worker thread so a hang is caught by a timeout instead of hanging the build.
 */
class DecoderFuzzTest {
    static final int MUTATIONS_PER_VERSION = 40;
    static final long DECODE_TIMEOUT_MS = 2_000;
    /** Allocation allowed per decode: generous for object overhead, far below a length-bomb. */
    static final long ALLOCATION_SLACK_BYTES = 4L << 20;
    static final long ALLOCATION_BYTES_PER_INPUT_BYTE = 256;
    static final int MAX_REPORTED_FAILURES = 25;

    private ExecutorService worker = newWorker();

    @AfterEach
    void stopWorker() {
        worker.shutdownNow();
    }

    @Test
    void corruptedMessagesDecodeOrFailWithProtocolDecodeException() throws InterruptedException {
        Map<String, String> failures = new LinkedHashMap<>();
        int decodes = 0;
        int rejected = 0;
        for (Corpus sample : corpus()) {
            Random random = new Random(KafkaCompatibilityTest.seed(sample.name(), sample.version(), 99));
            for (int i = 0; i < MUTATIONS_PER_VERSION; i++) {
                Mutation mutation = Mutation.random(sample.bytes(), random);
                String problem = decode(sample, mutation.bytes());
                decodes++;
                if (problem == null) {
                    continue;
                }
                if (problem.equals(REJECTED)) {
                    rejected++;
                    continue;
                }
                String key = sample.name() + ": " + problem.lines().findFirst().orElse(problem);
                failures.putIfAbsent(key, sample.name() + " v" + sample.version() + " " + mutation.description()
                    + "\n  input " + HexFormat.of().formatHex(mutation.bytes()) + "\n  " + problem);
            }
        }
        int totalDecodes = decodes;
        int totalRejected = rejected;
        System.out.printf("decoder fuzz: %d decodes, %d rejected with ProtocolDecodeException, %d decoded%n",
            totalDecodes, totalRejected, totalDecodes - totalRejected - failures.size());
        assertTrue(totalDecodes >= 5_000, "the corpus should give thousands of decodes, gave " + totalDecodes);
        assertTrue(failures.isEmpty(), () -> failures.size() + " distinct decoder failures in " + totalDecodes
            + " decodes (" + totalRejected + " cleanly rejected):\n"
            + String.join("\n", failures.values().stream().limit(MAX_REPORTED_FAILURES).toList()));
    }

    private static final String REJECTED = "rejected";

    /** @return null on success, {@link #REJECTED} on ProtocolDecodeException, else a description */
    private String decode(Corpus sample, byte[] input) throws InterruptedException {
        Future<String> result = worker.submit(() -> decodeOnWorker(sample, input));
        try {
            return result.get(DECODE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            return "decode did not finish within " + DECODE_TIMEOUT_MS + " ms";
        } catch (ExecutionException e) {
            return "worker failed: " + e.getCause();
        }
    }

    private static String decodeOnWorker(Corpus sample, byte[] input) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        String outcome;
        try {
            Message message = SamsaTrees.newInstance(sample.type());
            message.read(new ByteBufferReadable(ByteBuffer.wrap(input)), sample.version());
            outcome = null;
        } catch (ProtocolDecodeException e) {
            outcome = REJECTED;
        } catch (Throwable t) {
            outcome = t.getClass().getName() + ": " + t.getMessage() + "\n    at " + topFrames(t);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        long allowed = ALLOCATION_SLACK_BYTES + ALLOCATION_BYTES_PER_INPUT_BYTE * input.length;
        boolean clean = outcome == null || REJECTED.equals(outcome);
        if (clean && allocated > allowed) {
            return "decode of " + input.length + " bytes allocated " + allocated + " bytes (allowed " + allowed + ")";
        }
        return outcome;
    }

    private static String topFrames(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < Math.min(4, trace.length); i++) {
            frames.add(trace[i].toString());
        }
        return String.join("\n    at ", frames);
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "decoder-fuzz");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One valid encoding to corrupt. */
    record Corpus(String name, Class<? extends Message> type, short version, byte[] bytes) {
    }

    /** Valid Kafka encodings of every message and version the compatibility table covers. */
    private static List<Corpus> corpus() {
        List<Corpus> corpus = new ArrayList<>();
        for (MessageCatalog.Entry entry : MessageCatalog.entries()) {
            OracleRoundTrip check;
            VersionRange versions;
            try {
                check = new OracleRoundTrip(entry);
                versions = entry.testedVersions();
            } catch (AssertionError e) {
                continue; // a missing class fails KafkaCompatibilityTest; fuzz what exists
            }
            for (short v = versions.lowest(); v <= versions.highest(); v++) {
                long seed = KafkaCompatibilityTest.seed(entry.name(), v, 1);
                corpus.add(new Corpus(entry.name(), entry.samsaClass(), v, check.kafkaBytes(check.tree(v, seed, RandomMessageTree.Shape.SOME_NULLS), v)));
            }
        }
        return corpus;
    }
}
