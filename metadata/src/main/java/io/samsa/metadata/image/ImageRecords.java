package io.samsa.metadata.image;

import io.samsa.metadata.records.MetadataRecords;
import io.samsa.metadata.records.proto.BrokerEndpoint;
import io.samsa.metadata.records.proto.MetadataRecord;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An image as the records that rebuild it (what a snapshot holds), and back. Writing visits the
 * image in a fixed order (cluster id, features, brokers, topics each followed by its partitions,
 * the producer id mark, configs), so replaying the records onto {@link MetadataImage#EMPTY} yields
 * an equal image. Stateless.
 */
public final class ImageRecords {
    private ImageRecords() {
    }

    /** Hands every record that rebuilds {@code image} to {@code sink}, without collecting them. */
    public static void write(MetadataImage image, Consumer<MetadataRecord> sink) {
        image.clusterId().ifPresent(id -> sink.accept(MetadataRecords.clusterId(id)));
        image.features().forEach((name, level) -> sink.accept(MetadataRecords.featureLevel(name, level)));
        for (BrokerRegistration broker : image.brokers().values()) {
            MetadataRecord registration = MetadataRecords.registerBroker(broker.id(), broker.incarnationId(),
                    broker.epoch(), endpoints(broker.endpoints()), broker.rack().orElse(""), broker.fenced());
            sink.accept(registration.toBuilder().setRegisterBroker(registration.getRegisterBroker().toBuilder()
                    .setRegisteredOffset(broker.registeredOffset())).build());
        }
        for (TopicImage topic : image.topicsById().values()) {
            sink.accept(MetadataRecords.topic(topic.name(), topic.id()));
            for (Map.Entry<Integer, PartitionRegistration> entry : topic.partitions().entrySet()) {
                PartitionRegistration p = entry.getValue();
                sink.accept(MetadataRecords.partition(topic.id(), entry.getKey(), IntArrays.toList(p.replicas()),
                        IntArrays.toList(p.isr()), IntArrays.toList(p.removingReplicas()),
                        IntArrays.toList(p.addingReplicas()), p.leader(), p.leaderEpoch(), p.partitionEpoch()));
            }
        }
        sink.accept(MetadataRecords.producerIds(-1, -1, image.nextProducerId(), 0));
        image.configs().forEach((resource, values) -> values.forEach((key, value) ->
                sink.accept(MetadataRecords.config(resource.type(), resource.name(), key, value))));
    }

    /** @return the records of {@link #write}, collected */
    public static List<MetadataRecord> toRecords(MetadataImage image) {
        java.util.ArrayList<MetadataRecord> records = new java.util.ArrayList<>();
        write(image, records::add);
        return records;
    }

    /**
     * @param records         the records of {@link #write}
     * @param offset          the log index the image was taken at
     * @param version         the image's version (batches applied)
     * @param lastBrokerEpoch the highest broker epoch given out
     * @return the image they rebuild
     */
    public static MetadataImage read(Iterable<MetadataRecord> records, long offset, long version, long lastBrokerEpoch) {
        MetadataDelta delta = MetadataImage.EMPTY.newDelta();
        for (MetadataRecord record : records) {
            delta.replay(record);
        }
        delta.raiseLastBrokerEpoch(lastBrokerEpoch);
        return delta.apply(offset, version);
    }

    /** @return the endpoints as records carry them */
    public static List<BrokerEndpoint> endpoints(List<Endpoint> endpoints) {
        return endpoints.stream().map(e -> BrokerEndpoint.newBuilder().setListenerName(e.listenerName())
                .setHost(e.host()).setPort(e.port()).setSecurityProtocol(e.securityProtocol()).build()).toList();
    }
}
