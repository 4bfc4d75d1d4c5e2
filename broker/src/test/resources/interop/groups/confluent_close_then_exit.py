# confluent-kafka (librdkafka) consumers that join one group, read until each owns partitions and
# the group has read every record, then all close and the script exits (issue 17 item 2: a group
# whose members have closed must be empty at once, so DeleteGroups right after succeeds).
# Usage: confluent_close_then_exit.py BOOTSTRAP TOPIC GROUP MEMBERS RECORDS POLL_SECONDS
# With POLL_SECONDS > 0 the consumers are closed after polling that long, wherever their join is
# then; with 0 only once they own partitions and read RECORDS records (else exit 1 after 60 s).
# Prints "closed" once every consumer's close() has returned.
import sys
import time

from confluent_kafka import Consumer

bootstrap, topic, group = sys.argv[1:4]
members, records, poll_seconds = int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
consumers = []
for i in range(members):
    consumer = Consumer({
        'bootstrap.servers': bootstrap,
        'group.id': group,
        'auto.offset.reset': 'earliest',
        'session.timeout.ms': 30000,
        'heartbeat.interval.ms': 300,
    })
    consumer.subscribe([topic])
    consumers.append(consumer)

deadline = time.time() + (poll_seconds if poll_seconds > 0 else 60)
read = 0
while time.time() < deadline:
    for consumer in consumers:
        message = consumer.poll(0.05)
        if message is not None and not message.error():
            read += 1
    if poll_seconds == 0 and read >= records and all(len(c.assignment()) > 0 for c in consumers):
        break
if poll_seconds == 0 and time.time() >= deadline:
    print('timed out: read %d of %d' % (read, records), file=sys.stderr, flush=True)
    sys.exit(1)

for consumer in consumers:
    consumer.close()
print('closed', flush=True)
