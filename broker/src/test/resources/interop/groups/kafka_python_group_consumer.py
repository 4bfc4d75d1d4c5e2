# A kafka-python group consumer for the Samsa group interop tests.
# Usage: kafka_python_group_consumer.py BOOTSTRAP TOPIC GROUP
# Prints "partition:offset:value" per record; runs until killed (two minutes at most).
import sys
import time

from kafka import KafkaConsumer

bootstrap, topic, group = sys.argv[1:4]
consumer = KafkaConsumer(topic, bootstrap_servers=[bootstrap], group_id=group,
                         auto_offset_reset='earliest', session_timeout_ms=6000, heartbeat_interval_ms=300)
deadline = time.time() + 120
while time.time() < deadline:
    for records in consumer.poll(timeout_ms=200).values():
        for record in records:
            print('%d:%d:%s' % (record.partition, record.offset, record.value.decode('utf-8')), flush=True)
