# A confluent-kafka (librdkafka) group consumer for the Samsa group interop tests.
# Usage: confluent_group_consumer.py BOOTSTRAP TOPIC GROUP
# Prints "partition:offset:value" per record; runs until killed (two minutes at most).
import sys
import time

from confluent_kafka import Consumer

bootstrap, topic, group = sys.argv[1:4]
consumer = Consumer({
    'bootstrap.servers': bootstrap,
    'group.id': group,
    'auto.offset.reset': 'earliest',
    'session.timeout.ms': 6000,
    'heartbeat.interval.ms': 300,
})
consumer.subscribe([topic])
deadline = time.time() + 120
try:
    while time.time() < deadline:
        message = consumer.poll(0.2)
        if message is None:
            continue
        if message.error():
            print('error: %s' % message.error(), file=sys.stderr, flush=True)
            continue
        print('%d:%d:%s' % (message.partition(), message.offset(), message.value().decode('utf-8')), flush=True)
finally:
    consumer.close()
