"""kafka-python round trip against a broker, driven by KafkaPythonInteropTest.

Usage: python3 kafka_python_roundtrip.py BOOTSTRAP TOPIC COMPRESSION < key:value lines

Produces every stdin line as one keyed record (acks=all, waiting for every acknowledgement),
then reads the topic back without a consumer group (assign + seek_to_beginning, end_offsets
checked against the count sent) until as many records as were sent have arrived, printing each as partition:offset:key:value.
Exits non-zero on any failure or when the deadline passes.
"""
import sys
import time

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

DEADLINE_S = 45


def main():
    bootstrap, topic, compression = sys.argv[1], sys.argv[2], sys.argv[3]
    lines = [line.rstrip("\n") for line in sys.stdin if line.strip()]
    produce(bootstrap, topic, None if compression == "none" else compression, lines)
    consume(bootstrap, topic, len(lines))


def produce(bootstrap, topic, compression, lines):
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", compression_type=compression,
                             linger_ms=10, retries=5, max_in_flight_requests_per_connection=1)
    futures = []
    for line in lines:
        key, value = line.split(":", 1)
        futures.append(producer.send(topic, key=key.encode(), value=value.encode()))
    producer.flush(timeout=DEADLINE_S)
    for future in futures:
        future.get(timeout=DEADLINE_S)  # raises the delivery error, if any
    producer.close(timeout=10)


def consume(bootstrap, topic, expected):
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False,
                             consumer_timeout_ms=1000)
    partitions = None
    deadline = time.monotonic() + DEADLINE_S
    while not partitions:
        partitions = consumer.partitions_for_topic(topic)
        if time.monotonic() > deadline:
            sys.exit("no metadata for " + topic)
    assigned = [TopicPartition(topic, p) for p in sorted(partitions)]
    consumer.assign(assigned)
    consumer.seek_to_beginning(*assigned)  # ListOffsets (earliest)
    end = consumer.end_offsets(assigned)  # ListOffsets (latest)
    if sum(end.values()) != expected:
        sys.exit("end offsets %s do not add up to the %d records sent" % (end, expected))
    received = 0
    while received < expected:
        if time.monotonic() > deadline:
            sys.exit("read %d of %d records before the deadline" % (received, expected))
        for tp, records in consumer.poll(timeout_ms=500).items():
            for record in records:
                print("%d:%d:%s:%s" % (record.partition, record.offset, record.key.decode(), record.value.decode()))
                received += 1
    consumer.close()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
