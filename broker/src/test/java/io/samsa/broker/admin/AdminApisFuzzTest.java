package io.samsa.broker.admin;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.group.configs.InMemoryGroupConfigStore;
import io.samsa.broker.group.configs.GroupConfigManager;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.samsa.broker.metadata.ConfigSource;
import io.samsa.broker.metadata.ConfigValue;
import io.samsa.broker.topics.Topic;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.broker.topics.TopicStore;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.CreatePartitionsRequest;
import io.samsa.protocol.message.CreatePartitionsRequest.CreatePartitionsAssignment;
import io.samsa.protocol.message.CreatePartitionsRequest.CreatePartitionsTopic;
import io.samsa.protocol.message.CreatePartitionsResponse.CreatePartitionsTopicResult;
import io.samsa.protocol.message.CreateTopicsRequest;
import io.samsa.protocol.message.CreateTopicsRequest.CreatableReplicaAssignment;
import io.samsa.protocol.message.CreateTopicsRequest.CreatableTopic;
import io.samsa.protocol.message.CreateTopicsRequest.CreatableTopicConfig;
import io.samsa.protocol.message.CreateTopicsResponse.CreatableTopicResult;
import io.samsa.protocol.message.DeleteTopicsRequest;
import io.samsa.protocol.message.DeleteTopicsRequest.DeleteTopicState;
import io.samsa.protocol.message.DeleteTopicsResponse.DeletableTopicResult;
import io.samsa.protocol.message.DescribeConfigsRequest;
import io.samsa.protocol.message.DescribeConfigsRequest.DescribeConfigsResource;
import io.samsa.protocol.message.DescribeConfigsResponse.DescribeConfigsResult;
import io.samsa.protocol.message.MetadataRequest;
import io.samsa.protocol.message.MetadataRequest.MetadataRequestTopic;
import io.samsa.protocol.message.MetadataResponse;
import io.samsa.protocol.message.MetadataResponse.MetadataResponseTopic;
import io.samsa.protocol.types.Uuid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of the admin APIs over a topic registry in a temp data dir
 * ({@link AdminFixture}): up to ten CreateTopics, CreatePartitions, DeleteTopics, DescribeConfigs
 * and Metadata requests, at every accepted version, naming topics from a small pool (valid, invalid,
 * internal, empty, or anything), with fuzzed partition counts, replication factors, assignments,
 * configs (valid and invalid values, unknown keys), topic ids, resource types, validate_only and
 * auto-creation.
 *
 * <p>Invariants (an {@link AssertionError} each):
 * <ol>
 *   <li>one result per requested resource: every distinct topic the request names is answered
 *       exactly once, and nothing else is (DescribeConfigs, as Kafka: every entry, in order);</li>
 *   <li>no state change on an error answer: a topic whose result is an error exists (with its id
 *       and partition count) exactly as before; validate_only, DescribeConfigs and a Metadata
 *       request without auto-creation change nothing at all;</li>
 *   <li>a NONE answer did what it says: a created topic exists with the partition count answered, a
 *       deleted one is gone, CreatePartitions reached the count asked for;</li>
 *   <li>no answer is UNKNOWN_SERVER_ERROR and no handler throws;</li>
 *   <li>what the registry persisted is what it holds: a registry reopened on the same dir has the
 *       same topics.</li>
 * </ol>
 * Regression inputs: {@code src/test/resources/io/samsa/broker/admin/AdminApisFuzzTestInputs/}.
 */
@Tag("jazzer")
class AdminApisFuzzTest {
    private static final String[] NAMES = {"a", "b", "c", "a.b", "a_b", "", "__consumer_offsets", "-bad/name", "x".repeat(250)};
    private static final int[] PARTITION_COUNTS = {-1, 0, 1, 3, AdminFixture.MAX_PARTITIONS, AdminFixture.MAX_PARTITIONS + 1};
    private static final String[][] CONFIGS = {{"retention.ms", "1000"}, {"retention.ms", "-5"}, {"retention.ms", "x"},
        {"cleanup.policy", "compact"}, {"cleanup.policy", "bogus"}, {"no.such.config", "1"}, {"max.message.bytes", "1"},
        {"segment.bytes", "1"}, {"message.timestamp.type", "LogAppendTime"}};
    private static final int MAX_STEPS = 10;
    private static final byte TOPIC_RESOURCE = 2;
    private static final byte BROKER_RESOURCE = 4;
    private static final Path MEMORY_FS = Path.of("/dev/shm");

    @FuzzTest(maxDuration = "30s")
    void adminSequence(FuzzedDataProvider data) throws IOException {
        Path dir = Files.isWritable(MEMORY_FS) ? Files.createTempDirectory(MEMORY_FS, "samsa-fuzz-admin")
                : Files.createTempDirectory("samsa-fuzz-admin");
        try {
            AdminFixture fixture = new AdminFixture(dir);
            boolean autoCreate = data.consumeBoolean();
            Handlers handlers = new Handlers(fixture, autoCreate, data.consumeInt(0, 7) != 0);
            int steps = data.consumeInt(1, MAX_STEPS);
            for (int step = 0; step < steps && data.remainingBytes() > 0; step++) {
                Map<String, Topic> before = snapshot(fixture.registry);
                switch (data.consumeInt(0, 4)) {
                    case 0 -> createTopics(data, fixture, handlers, before);
                    case 1 -> createPartitions(data, fixture, handlers, before);
                    case 2 -> deleteTopics(data, fixture, handlers, before);
                    case 3 -> describeConfigs(data, fixture, handlers, before);
                    default -> metadata(data, fixture, handlers, before);
                }
            }
            Map<String, Topic> reopened = snapshot(new TopicRegistry(new TopicStore(dir), AdminFixture.MAX_PARTITIONS));
            check(reopened.equals(snapshot(fixture.registry)), "persisted " + reopened + ", held " + snapshot(fixture.registry));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The handlers under test, over one fixture. */
    private record Handlers(CreateTopicsHandler create, CreatePartitionsHandler partitions, DeleteTopicsHandler delete,
                            DescribeConfigsHandler describe, MetadataHandler metadata) {
        Handlers(AdminFixture fixture, boolean autoCreate, boolean deleteEnabled) {
            this(new CreateTopicsHandler(fixture.registry, fixture.localBroker, AdminFixture.defaults(autoCreate), fixture.configPolicy),
                    new CreatePartitionsHandler(fixture.registry, fixture.localBroker),
                    new DeleteTopicsHandler(fixture.registry, deleteEnabled),
                    new DescribeConfigsHandler(fixture.registry, fixture.localBroker, fixture.configPolicy,
                            () -> List.of(new ConfigValue("num.partitions", "3", ConfigSource.STATIC_BROKER_CONFIG, false)),
                            new GroupConfigManager(BrokerConfig.defaults(), new InMemoryGroupConfigStore())),
                    new MetadataHandler(fixture.registry, fixture.localBroker, AdminFixture.defaults(autoCreate)));
        }
    }

    private static void createTopics(FuzzedDataProvider data, AdminFixture fixture, Handlers handlers, Map<String, Topic> before) {
        short version = version(data, ApiKey.CREATE_TOPICS);
        List<CreatableTopic> topics = new ArrayList<>();
        int count = data.consumeInt(0, 3);
        for (int i = 0; i < count; i++) {
            CreatableTopic topic = new CreatableTopic().setName(name(data)).setNumPartitions(pick(data, PARTITION_COUNTS))
                    .setReplicationFactor((short) data.consumeInt(-1, 2));
            if (data.consumeInt(0, 5) == 0) {
                List<CreatableReplicaAssignment> assignments = new ArrayList<>();
                int partitions = data.consumeInt(0, 3);
                for (int p = 0; p < partitions; p++) {
                    assignments.add(new CreatableReplicaAssignment().setPartitionIndex(data.consumeInt(-1, 3))
                            .setBrokerIds(List.of(data.consumeBoolean() ? AdminFixture.NODE_ID : data.consumeInt())));
                }
                topic.setAssignments(assignments);
            }
            List<CreatableTopicConfig> configs = new ArrayList<>();
            int configCount = data.consumeInt(0, 2);
            for (int c = 0; c < configCount; c++) {
                String[] config = CONFIGS[data.consumeInt(0, CONFIGS.length - 1)];
                configs.add(new CreatableTopicConfig().setName(config[0]).setValue(data.consumeInt(0, 7) == 0 ? null : config[1]));
            }
            topics.add(topic.setConfigs(configs));
        }
        boolean validateOnly = data.consumeInt(0, 3) == 0;
        List<CreatableTopicResult> results = handlers.create().handle(new CreateTopicsRequest().setTopics(topics)
                .setTimeoutMs(30_000).setValidateOnly(validateOnly), version).topics();
        String what = "CreateTopics v" + version + (validateOnly ? " validate_only " : " ") + topics;
        assertOnePerName(topics.stream().map(CreatableTopic::name).toList(), results.stream().map(CreatableTopicResult::name).toList(), what);
        Map<String, Topic> after = snapshot(fixture.registry);
        if (validateOnly) {
            check(after.equals(before), "validate_only changed the topics: " + what);
        }
        for (CreatableTopicResult result : results) {
            ErrorCode error = answered(result.errorCode(), what);
            if (error != ErrorCode.NONE || validateOnly) {
                check(same(before, after, result.name()), "topic " + result.name() + " changed though answered " + error + ": " + what);
            } else {
                Topic created = after.get(result.name());
                check(created != null && !before.containsKey(result.name()) && created.partitionCount() == result.numPartitions(),
                        "created " + result.name() + " is " + created + ": " + what);
            }
        }
        assertOnlyNamedChanged(before, after, results.stream().map(CreatableTopicResult::name).toList(), what);
    }

    private static void createPartitions(FuzzedDataProvider data, AdminFixture fixture, Handlers handlers, Map<String, Topic> before) {
        short version = version(data, ApiKey.CREATE_PARTITIONS);
        List<CreatePartitionsTopic> topics = new ArrayList<>();
        int count = data.consumeInt(0, 3);
        for (int i = 0; i < count; i++) {
            CreatePartitionsTopic topic = new CreatePartitionsTopic().setName(name(data)).setCount(pick(data, PARTITION_COUNTS));
            if (data.consumeInt(0, 5) == 0) {
                List<CreatePartitionsAssignment> assignments = new ArrayList<>();
                int partitions = data.consumeInt(0, 3);
                for (int p = 0; p < partitions; p++) {
                    assignments.add(new CreatePartitionsAssignment().setBrokerIds(List.of(data.consumeBoolean() ? AdminFixture.NODE_ID : data.consumeInt())));
                }
                topic.setAssignments(assignments);
            }
            topics.add(topic);
        }
        boolean validateOnly = data.consumeInt(0, 3) == 0;
        List<CreatePartitionsTopicResult> results = handlers.partitions().handle(new CreatePartitionsRequest().setTopics(topics)
                .setTimeoutMs(30_000).setValidateOnly(validateOnly), version).results();
        String what = "CreatePartitions v" + version + (validateOnly ? " validate_only " : " ") + topics;
        assertOnePerName(topics.stream().map(CreatePartitionsTopic::name).toList(),
                results.stream().map(CreatePartitionsTopicResult::name).toList(), what);
        Map<String, Topic> after = snapshot(fixture.registry);
        for (CreatePartitionsTopicResult result : results) {
            ErrorCode error = answered(result.errorCode(), what);
            if (error != ErrorCode.NONE || validateOnly) {
                check(same(before, after, result.name()), "topic " + result.name() + " changed though answered " + error + ": " + what);
            } else {
                int asked = topics.stream().filter(t -> t.name().equals(result.name())).findFirst().orElseThrow().count();
                Topic grown = after.get(result.name());
                check(grown != null && grown.partitionCount() == asked, result.name() + " is " + grown + " after " + what);
            }
        }
        assertOnlyNamedChanged(before, after, results.stream().map(CreatePartitionsTopicResult::name).toList(), what);
    }

    private static void deleteTopics(FuzzedDataProvider data, AdminFixture fixture, Handlers handlers, Map<String, Topic> before) {
        short version = version(data, ApiKey.DELETE_TOPICS);
        DeleteTopicsRequest request = new DeleteTopicsRequest().setTimeoutMs(30_000);
        List<String> names = new ArrayList<>();
        List<Uuid> ids = new ArrayList<>();
        int count = data.consumeInt(0, 3);
        for (int i = 0; i < count; i++) {
            if (version >= 6 && data.consumeBoolean()) {
                List<Topic> existing = new ArrayList<>(before.values());
                Uuid id = !existing.isEmpty() && data.consumeBoolean()
                        ? existing.get(data.consumeInt(0, existing.size() - 1)).id() : new Uuid(data.consumeLong(), data.consumeLong());
                ids.add(id);
            } else {
                names.add(name(data));
            }
        }
        if (version >= 6) {
            List<DeleteTopicState> states = new ArrayList<>();
            names.forEach(name -> states.add(new DeleteTopicState().setName(name).setTopicId(Uuid.ZERO)));
            ids.forEach(id -> states.add(new DeleteTopicState().setName(null).setTopicId(id)));
            request.setTopics(states);
        } else {
            request.setTopicNames(names);
        }
        List<DeletableTopicResult> results = handlers.delete().handle(request, version).responses();
        String what = "DeleteTopics v" + version + " names " + names + " ids " + ids;
        check(results.size() == new HashSet<>(names).size() + new HashSet<>(ids).size() || results.size() == names.size() + ids.size(),
                results.size() + " results: " + what);
        Map<String, Topic> after = snapshot(fixture.registry);
        Set<String> deleted = new HashSet<>();
        for (DeletableTopicResult result : results) {
            ErrorCode error = answered(result.errorCode(), what);
            if (error == ErrorCode.NONE) {
                String name = result.name() != null ? result.name() : nameOf(before, result.topicId());
                check(name != null && before.containsKey(name) && !after.containsKey(name), "deleted " + result.name()
                        + " " + result.topicId() + " but it was " + before.get(name) + " and is " + after.get(name) + ": " + what);
                deleted.add(name);
            }
        }
        Map<String, Topic> expected = new TreeMap<>(before);
        deleted.forEach(expected::remove);
        check(after.equals(expected), "DeleteTopics left " + after.keySet() + ", expected " + expected.keySet() + ": " + what);
    }

    private static void describeConfigs(FuzzedDataProvider data, AdminFixture fixture, Handlers handlers, Map<String, Topic> before) {
        short version = version(data, ApiKey.DESCRIBE_CONFIGS);
        List<DescribeConfigsResource> resources = new ArrayList<>();
        int count = data.consumeInt(0, 3);
        for (int i = 0; i < count; i++) {
            byte type = switch (data.consumeInt(0, 3)) {
                case 0, 1 -> TOPIC_RESOURCE;
                case 2 -> BROKER_RESOURCE;
                default -> data.consumeByte();
            };
            String name = type == BROKER_RESOURCE && data.consumeBoolean() ? Integer.toString(AdminFixture.NODE_ID) : name(data);
            List<String> keys = data.consumeBoolean() ? null : List.of(CONFIGS[data.consumeInt(0, CONFIGS.length - 1)][0]);
            resources.add(new DescribeConfigsResource().setResourceType(type).setResourceName(name).setConfigurationKeys(keys));
        }
        List<DescribeConfigsResult> results = handlers.describe().handle(new DescribeConfigsRequest().setResources(resources)
                .setIncludeSynonyms(data.consumeBoolean()).setIncludeDocumentation(data.consumeBoolean()), version).results();
        String what = "DescribeConfigs v" + version + " " + resources;
        // as in Kafka, each entry is answered, in order, a repeated one again
        List<String> asked = resources.stream().map(r -> r.resourceType() + "/" + r.resourceName()).toList();
        List<String> answeredNames = results.stream().map(r -> r.resourceType() + "/" + r.resourceName()).toList();
        check(answeredNames.equals(asked), "answered " + answeredNames + " for " + what);
        results.forEach(result -> answered(result.errorCode(), what));
        check(snapshot(fixture.registry).equals(before), "DescribeConfigs changed the topics: " + what);
    }

    private static void metadata(FuzzedDataProvider data, AdminFixture fixture, Handlers handlers, Map<String, Topic> before) {
        short version = version(data, ApiKey.METADATA);
        List<MetadataRequestTopic> topics = null;
        if (data.consumeInt(0, 3) != 0) {
            topics = new ArrayList<>();
            int count = data.consumeInt(0, 3);
            for (int i = 0; i < count; i++) {
                topics.add(new MetadataRequestTopic().setName(name(data)).setTopicId(Uuid.ZERO));
            }
        }
        boolean allowCreation = data.consumeBoolean();
        MetadataResponse response = handlers.metadata().handle(new MetadataRequest().setTopics(topics)
                .setAllowAutoTopicCreation(allowCreation), version);
        String what = "Metadata v" + version + " allow_auto_topic_creation=" + allowCreation + " " + topics;
        Map<String, Topic> after = snapshot(fixture.registry);
        List<String> answeredNames = response.topics().stream().map(MetadataResponseTopic::name).toList();
        if (topics == null || (version == 0 && topics.isEmpty())) {
            // null, or before v1 an empty list, asks for every topic
            check(after.equals(before), "Metadata for all topics changed them: " + what);
            check(new HashSet<>(answeredNames).equals(before.keySet()), "Metadata for all topics answered " + answeredNames
                    + " of " + before.keySet() + ": " + what);
            return;
        }
        assertOnePerName(topics.stream().map(MetadataRequestTopic::name).toList(), answeredNames, what);
        for (MetadataResponseTopic topic : response.topics()) {
            ErrorCode error = answered(topic.errorCode(), what);
            if (error != ErrorCode.NONE && error != ErrorCode.LEADER_NOT_AVAILABLE) {
                check(same(before, after, topic.name()), topic.name() + " changed though answered " + error + ": " + what);
            }
        }
        if (!allowCreation) {
            check(after.equals(before), "Metadata without auto-creation changed the topics: " + what);
        }
        assertOnlyNamedChanged(before, after, answeredNames, what);
    }

    private static void assertOnePerName(List<String> asked, List<String> answered, String what) {
        check(new HashSet<>(answered).size() == answered.size(), "a resource answered twice: " + answered + " for " + what);
        check(new HashSet<>(answered).equals(new HashSet<>(asked)), "answered " + answered + " for " + what);
    }

    private static void assertOnlyNamedChanged(Map<String, Topic> before, Map<String, Topic> after, List<String> named, String what) {
        Set<String> all = new HashSet<>(before.keySet());
        all.addAll(after.keySet());
        for (String name : all) {
            check(named.contains(name) || same(before, after, name), "topic " + name + " changed though not named: " + what);
        }
    }

    private static ErrorCode answered(short code, String what) {
        ErrorCode error = ErrorCode.forCode(code);
        check(error != ErrorCode.UNKNOWN_SERVER_ERROR, "UNKNOWN_SERVER_ERROR for " + what);
        return error;
    }

    private static boolean same(Map<String, Topic> before, Map<String, Topic> after, String name) {
        return java.util.Objects.equals(before.get(name), after.get(name));
    }

    private static String nameOf(Map<String, Topic> topics, Uuid id) {
        return topics.values().stream().filter(t -> t.id().equals(id)).map(Topic::name).findFirst().orElse(null);
    }

    private static Map<String, Topic> snapshot(TopicRegistry registry) {
        Map<String, Topic> out = new TreeMap<>();
        registry.topics().forEach(topic -> out.put(topic.name(), topic));
        return out;
    }

    private static String name(FuzzedDataProvider data) {
        return data.consumeInt(0, 7) == 0 ? data.consumeString(20) : NAMES[data.consumeInt(0, NAMES.length - 1)];
    }

    private static short version(FuzzedDataProvider data, ApiKey api) {
        return (short) data.consumeInt(api.acceptedMin(), api.advertisedMax());
    }

    private static int pick(FuzzedDataProvider data, int[] values) {
        return data.consumeInt(0, 7) == 0 ? data.consumeInt() : values[data.consumeInt(0, values.length - 1)];
    }

    private static void check(boolean condition, String violation) {
        if (!condition) {
            throw new AssertionError(violation);
        }
    }
}
