package io.samsa.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.Broker;
import io.samsa.broker.BrokerAssembly;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.protocol.util.Time;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionReplica;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.quota.ClientQuotaFilterComponent;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations admin APIs through the assembled broker with kafka-clients 4.1's Admin:
 * describeLogDirs (sizes, lag, topic filter), the ACL calls without an authorizer,
 * the client-quota calls, and describeFeatures.
 */
class OperationsAdminApiTest {
    @TempDir
    Path dir;

    @Test
    void describeLogDirsReportsEveryDirWithItsPartitions() throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        try (Broker broker = start(first + "," + second); Admin admin = TestBrokers.admin(broker)) {
            admin.createTopics(List.of(new NewTopic("sized", 3, (short) 1), new NewTopic("other", 1, (short) 1))).all().get();
            produce(broker, "sized", 0, 20);

            Map<String, LogDirDescription> dirs = admin.describeLogDirs(List.of(0)).allDescriptions().get().get(0);
            assertEquals(2, dirs.size(), dirs::toString);
            long replicas = 0;
            for (Map.Entry<String, LogDirDescription> logDir : dirs.entrySet()) {
                assertNull(logDir.getValue().error(), logDir.getKey());
                assertTrue(logDir.getValue().totalBytes().orElseThrow() > 0);
                assertTrue(logDir.getValue().usableBytes().orElseThrow() <= logDir.getValue().totalBytes().orElseThrow());
                for (Map.Entry<TopicPartition, ReplicaInfo> replica : logDir.getValue().replicaInfos().entrySet()) {
                    Path partitionDir = Path.of(logDir.getKey()).resolve(replica.getKey().toString());
                    assertTrue(Files.isDirectory(partitionDir), "reported in the dir that holds it: " + partitionDir);
                    assertEquals(0, replica.getValue().offsetLag());
                    assertFalse(replica.getValue().isFuture());
                    if (!replica.getKey().topic().startsWith("__")) {
                        replicas++;
                    }
                }
            }
            assertEquals(4, replicas, "sized-0..2 and other-0 (besides __consumer_offsets)");
            long sizedBytes = dirs.values().stream().flatMap(d -> d.replicaInfos().entrySet().stream())
                    .filter(r -> r.getKey().equals(new TopicPartition("sized", 0))).mapToLong(r -> r.getValue().size()).sum();
            assertTrue(sizedBytes > 20 * 10, "20 records on disk: " + sizedBytes);

            // A topic filter (describeReplicaLogDirs sends one): only what was asked, unknown ones absent.
            var replicaDirs = admin.describeReplicaLogDirs(List.of(new TopicPartitionReplica("sized", 1, 0),
                    new TopicPartitionReplica("missing", 0, 0))).all().get();
            assertTrue(replicaDirs.get(new TopicPartitionReplica("sized", 1, 0)).getCurrentReplicaLogDir() != null);
            assertNull(replicaDirs.get(new TopicPartitionReplica("missing", 0, 0)).getCurrentReplicaLogDir());

        }
    }

    @Test
    void aclCallsAreSecurityDisabledWithoutAnAuthorizer() throws Exception {
        try (Broker broker = start(dir.toString()); Admin admin = TestBrokers.admin(broker)) {
            ExecutionException describe = assertThrows(ExecutionException.class,
                    () -> admin.describeAcls(AclBindingFilter.ANY).values().get());
            assertInstanceOf(SecurityDisabledException.class, describe.getCause());
            assertEquals("No Authorizer is configured on the broker", describe.getCause().getMessage());

            AclBinding binding = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "t", PatternType.LITERAL),
                    new AccessControlEntry("User:alice", "*", AclOperation.READ, AclPermissionType.ALLOW));
            ExecutionException create = assertThrows(ExecutionException.class,
                    () -> admin.createAcls(List.of(binding)).all().get());
            assertInstanceOf(SecurityDisabledException.class, create.getCause());
            assertEquals("No Authorizer is configured.", create.getCause().getMessage());

            ExecutionException delete = assertThrows(ExecutionException.class,
                    () -> admin.deleteAcls(List.of(AclBindingFilter.ANY)).all().get());
            assertInstanceOf(SecurityDisabledException.class, delete.getCause());
        }
    }

    @Test
    void clientQuotasAreEmptyAndCannotBeSet() throws Exception {
        try (Broker broker = start(dir.toString()); Admin admin = TestBrokers.admin(broker)) {
            assertTrue(admin.describeClientQuotas(ClientQuotaFilter.all()).entities().get().isEmpty());
            assertTrue(admin.describeClientQuotas(ClientQuotaFilter.contains(List.of(
                    ClientQuotaFilterComponent.ofEntity("user", "alice")))).entities().get().isEmpty());
            ExecutionException badType = assertThrows(ExecutionException.class, () -> admin.describeClientQuotas(
                    ClientQuotaFilter.contains(List.of(ClientQuotaFilterComponent.ofEntityType("bogus")))).entities().get());
            assertInstanceOf(InvalidRequestException.class, badType.getCause());

            ClientQuotaEntity alice = new ClientQuotaEntity(Map.of("user", "alice"));
            ExecutionException alter = assertThrows(ExecutionException.class, () -> admin.alterClientQuotas(List.of(
                    new ClientQuotaAlteration(alice, List.of(new ClientQuotaAlteration.Op("producer_byte_rate", 1024.0)))))
                    .all().get());
            assertInstanceOf(InvalidRequestException.class, alter.getCause());
            assertEquals(AlterClientQuotasHandler.NOT_ENFORCED, alter.getCause().getMessage());
            assertTrue(admin.describeClientQuotas(ClientQuotaFilter.all()).entities().get().isEmpty(), "nothing stored");
        }
    }

    @Test
    void describeFeaturesReportsOnlyWhatSamsaImplements() throws Exception {
        try (Broker broker = start(dir.toString()); Admin admin = TestBrokers.admin(broker)) {
            FeatureMetadata features = admin.describeFeatures().featureMetadata().get();
            assertEquals(7, features.supportedFeatures().size(), features::toString);
            assertEquals(7, features.supportedFeatures().get("metadata.version").minVersion());
            assertEquals(27, features.supportedFeatures().get("metadata.version").maxVersion());
            assertEquals(1, features.supportedFeatures().get("group.version").maxVersion());
            assertEquals(0, features.supportedFeatures().get("transaction.version").maxVersion());
            assertEquals(Map.of("metadata.version", 27, "group.version", 1), features.finalizedFeatures().entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> (int) e.getValue().maxVersionLevel())));
            assertEquals(0L, features.finalizedFeaturesEpoch().orElseThrow());
        }
    }

    private static Broker start(String logDirs) throws Exception {
        return BrokerAssembly.build(TestBrokers.config(Map.of("log.dirs", logDirs, "offsets.topic.num.partitions", "1")),
                Time.SYSTEM).start();
    }

    private static void produce(Broker broker, String topic, int partition, int count) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + broker.boundPort());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, partition, "k" + i, "value-" + i)).get();
            }
        }
    }
}
