package io.samsa.benchmarks.protocol;

import io.samsa.protocol.types.ByteBufferReadable;
import io.samsa.protocol.types.ByteBufferWritable;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
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
    private ByteBuffer input;
    private ByteBuffer output;
    private short version;
    private io.samsa.protocol.types.Message samsaDecoded;
    private Message kafkaDecoded;

    /** The message as kafka-clients builds it; encoded once at setup. */
    protected abstract Message kafkaMessage();

    protected abstract short version();

    protected abstract io.samsa.protocol.types.Message newSamsaMessage();

    protected abstract Message kafkaDecode(ByteBufferAccessor in, short version);

    @Setup
    public void setup() {
        version = version();
        input = KafkaMessageInputs.encode(kafkaMessage(), version);
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
        io.samsa.protocol.types.Message message = newSamsaMessage();
        message.read(new ByteBufferReadable(input.duplicate()), version);
        return message;
    }

    @Benchmark
    public Message kafkaDecode() {
        return kafkaDecode(new ByteBufferAccessor(input.duplicate()), version);
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
