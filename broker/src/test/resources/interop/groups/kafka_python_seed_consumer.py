from kafka import KafkaConsumer
from json import loads
import sys  # Samsa: added, for the bootstrap address below


consumer = KafkaConsumer('test',bootstrap_servers=[sys.argv[1]],auto_offset_reset='earliest', \
                        enable_auto_commit=True, group_id="my-group", value_deserializer=lambda x: loads(x.decode('utf-8')),\
                        consumer_timeout_ms=1000)

for message in consumer:
    print(message.topic)		# test
    print(message.partition)	# 0
    print(message.offset)		# 0
    print(message.key)			# None
    print(message.value)		# {'Hello': 'World!'}
