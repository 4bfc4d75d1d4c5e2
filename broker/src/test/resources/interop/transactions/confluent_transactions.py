# confluent-kafka (librdkafka) transactions against the broker: consume-transform-produce.
# Usage:
#   confluent_transactions.py BOOTSTRAP IN_TOPIC OUT_TOPIC GROUP TRANSACTIONAL_ID COUNT
#       a read_committed group consumer reads COUNT records of IN_TOPIC (one partition); a transactional
#       producer (init_transactions) writes "t-<value>" for the first half to OUT_TOPIC-0 with
#       send_offsets_to_transaction for them and commits, then does the same for the second half and
#       aborts. Prints "consumed N", "committed N offset O", "aborted N offset O", then "done".
import sys
import time

from confluent_kafka import Consumer, Producer, TopicPartition

bootstrap, in_topic, out_topic, group, transactional_id, count = sys.argv[1:7]
count = int(count)
TIMEOUT_S = 30

consumer = Consumer({'bootstrap.servers': bootstrap, 'group.id': group, 'enable.auto.commit': False,
                     'auto.offset.reset': 'earliest', 'isolation.level': 'read_committed'})
consumer.subscribe([in_topic])
producer = Producer({'bootstrap.servers': bootstrap, 'transactional.id': transactional_id,
                     'transaction.timeout.ms': 30000, 'linger.ms': 5})
producer.init_transactions(TIMEOUT_S)

consumed = []
deadline = time.time() + TIMEOUT_S
while len(consumed) < count and time.time() < deadline:
    msg = consumer.poll(0.2)
    if msg is None:
        continue
    if msg.error():
        sys.exit('consume error: %s' % msg.error())
    consumed.append(msg)
if len(consumed) < count:
    sys.exit('consumed %d of %d records in %d s' % (len(consumed), count, TIMEOUT_S))
print('consumed', len(consumed), flush=True)

half = count // 2
for outcome, batch in (('committed', consumed[:half]), ('aborted', consumed[half:])):
    producer.begin_transaction()
    for msg in batch:
        producer.produce(out_topic, key=msg.key(), value=b't-' + msg.value(), partition=0)
    next_offset = batch[-1].offset() + 1
    producer.send_offsets_to_transaction([TopicPartition(in_topic, 0, next_offset)],
                                         consumer.consumer_group_metadata(), TIMEOUT_S)
    if outcome == 'committed':
        producer.commit_transaction(TIMEOUT_S)
    else:
        producer.flush(TIMEOUT_S)
        producer.abort_transaction(TIMEOUT_S)
    print(outcome, len(batch), 'offset', next_offset, flush=True)

consumer.close()
print('done', flush=True)
