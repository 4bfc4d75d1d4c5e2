# confluent-kafka (librdkafka) checks of Kafka's answers that librdkafka's own regression suite relies
# on (issue 17 items 1 and 5). Prints one line per answer for the Java test to check.
# Usage:
#   confluent_error_parity.py commit BOOTSTRAP GROUP TOPIC
#       commits TOPIC-0 at 3, no-such-topic-0 at 5 and TOPIC-99 at 7 in one OffsetCommit, prints
#       "commit-result <first error or NONE>", then "commit <topic> <partition> <error name or NONE>"
#       per partition as the commit callback reports them
#   confluent_error_parity.py nullkey BOOTSTRAP TOPIC
#       produces one record without a key and one with a key, prints
#       "delivery <key or None> <error name or NONE> <error text>" per record
import sys
import time

from confluent_kafka import Consumer, Producer, TopicPartition

mode, bootstrap = sys.argv[1:3]
if mode == 'commit':
    group, topic = sys.argv[3:5]
    results = []

    def committed(err, partitions):
        results.append((err, partitions))

    # the commit callback gets every partition with its own error (a synchronous commit raises the first)
    consumer = Consumer({'bootstrap.servers': bootstrap, 'group.id': group, 'enable.auto.commit': False,
                         'on_commit': committed})
    wanted = [TopicPartition(topic, 0, 3), TopicPartition('no-such-topic', 0, 5), TopicPartition(topic, 99, 7)]
    consumer.commit(offsets=wanted, asynchronous=True)
    deadline = time.time() + 30
    while not results and time.time() < deadline:
        consumer.poll(0.1)
    if not results:
        sys.exit('no commit callback in 30 s')
    err, partitions = results[0]
    print('commit-result', 'NONE' if err is None else err.name(), flush=True)
    for tp in partitions:
        print('commit', tp.topic, tp.partition, 'NONE' if tp.error is None else tp.error.name(), flush=True)
    consumer.close()
elif mode == 'nullkey':
    topic = sys.argv[3]
    producer = Producer({'bootstrap.servers': bootstrap, 'linger.ms': 0, 'retries': 0})

    def report(err, msg):
        key = msg.key().decode() if msg.key() is not None else 'None'
        if err is None:
            print('delivery', key, 'NONE', '-', flush=True)
        else:
            print('delivery', key, err.name(), err.str().replace('\n', ' '), flush=True)

    producer.produce(topic, value=b'without a key', callback=report)
    producer.flush(30)
    producer.produce(topic, key=b'k', value=b'with a key', callback=report)
    producer.flush(30)
else:
    sys.exit('unknown mode ' + mode)
