package io.samsa.benchmarks.protocol;

import io.samsa.protocol.types.ByteBufferReadable;
import io.samsa.protocol.types.ByteBufferWritable;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Message;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decode, encode, and decode plus re-encode of one message body, Samsa beside kafka-clients doing the
 * same work: both decode the same kafka-clients-encoded bytes (records stay slices of the input),
 * then size the message and write it into a reused output buffer. Setup fails unless Samsa's
 * re-encoding is byte-identical to the input, so the two sides are known to do equal work.
 * Subclasses name the message; JMH runs each subclass's inherited benchmarks under its name.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class MessageRoundTripBenchmark {
    /** How kafka-clients decodes the body: its generated {@code (Readable, short)} constructor. */
    protected interface KafkaDecoder {
        Message decode(ByteBufferAccessor in, short version);
    }

    private final Supplier<Message> kafkaMessage;
    private final short version;
    private final Supplier<io.samsa.protocol.types.Message> samsaFactory;
    private final KafkaDecoder kafkaDecoder;
    private ByteBuffer input;
    private ByteBuffer output;
    private io.samsa.protocol.types.Message samsaDecoded;
    private Message kafkaDecoded;

    /**
     * @param kafkaMessage the message as kafka-clients builds it; encoded once at setup
     * @param version      the version both sides decode and encode
     * @param samsaFactory a new, empty Samsa message of the same type
     * @param kafkaDecoder kafka-clients' decoding constructor
     */
    protected MessageRoundTripBenchmark(Supplier<Message> kafkaMessage, short version,
                                        Supplier<io.samsa.protocol.types.Message> samsaFactory, KafkaDecoder kafkaDecoder) {
        this.kafkaMessage = kafkaMessage;
        this.version = version;
        this.samsaFactory = samsaFactory;
        this.kafkaDecoder = kafkaDecoder;
    }

    @Setup
    public void setup() {
        input = KafkaMessageInputs.encode(kafkaMessage.get(), version);
        output = ByteBuffer.allocate(input.remaining());
        samsaDecoded = samsaDecode();
        kafkaDecoded = kafkaDecode();
        int written = samsaDecodeEncode();
        if (!output.duplicate().position(0).limit(written).equals(input.duplicate())) {
            throw new IllegalStateException(getClass().getSimpleName() + ": Samsa's re-encoding differs from the input");
        }
    }

    @Benchmark
    public io.samsa.protocol.types.Message samsaDecode() {
        io.samsa.protocol.types.Message message = samsaFactory.get();
        message.read(new ByteBufferReadable(input.duplicate()), version);
        return message;
    }

    @Benchmark
    public Message kafkaDecode() {
        return kafkaDecoder.decode(new ByteBufferAccessor(input.duplicate()), version);
    }

    @Benchmark
    public int samsaDecodeEncode() {
        return samsaEncode(samsaDecode());
    }

    @Benchmark
    public int kafkaDecodeEncode() {
        return kafkaEncode(kafkaDecode());
    }

    /** Encode only, of a message decoded at setup: where decode-and-encode's time goes. */
    @Benchmark
    public int samsaEncode() {
        return samsaEncode(samsaDecoded);
    }

    @Benchmark
    public int kafkaEncode() {
        return kafkaEncode(kafkaDecoded);
    }

    private int samsaEncode(io.samsa.protocol.types.Message message) {
        int size = message.size(version);
        output.clear();
        message.write(new ByteBufferWritable(output), version);
        return size;
    }

    private int kafkaEncode(Message message) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = message.size(cache, version);
        output.clear();
        message.write(new ByteBufferAccessor(output), cache, version);
        return size;
    }
}
