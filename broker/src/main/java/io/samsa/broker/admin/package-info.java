/**
 * The topic-administration APIs: ApiVersions, Metadata, CreateTopics, DeleteTopics,
 * CreatePartitions, DescribeConfigs and DescribeCluster, each a small
 * {@link io.samsa.broker.admin.SynchronousHandler} (decoded request in, response out, at the request's
 * version) over the {@link io.samsa.broker.topics.TopicRegistry} and the ports in
 * {@code io.samsa.broker.metadata}.
 *
 * <p><b>Wiring</b> (as {@code AdminBrokerTest} does):
 * <pre>
 *  BrokerConfigPorts ports = new BrokerConfigPorts(config);
 *  TopicRegistry registry = new TopicRegistry(new TopicStore(dataDir), TopicRegistry.DEFAULT_MAX_PARTITIONS_PER_TOPIC);
 *  LogConfigTopicConfigPolicy policy = new LogConfigTopicConfigPolicy(ports.staticTopicDefaults());
 *  LogManager logs = new LogManager(logManagerConfig,
 *          new TopicLogConfigs(registry, LogConfig.fromMap(policy.staticBrokerTopicDefaults())), time);
 *  // after logs.startup():
 *  PartitionLogsListener storage = new PartitionLogsListener(logs);
 *  storage.reconcile(registry);
 *  registry.addListener(storage);
 *  Supplier&lt;LocalBroker&gt; self = () -&gt; ports.localBroker(clusterId, broker.advertisedEndpoints().get(0));
 *  builder.handler(new MessageApiHandler&lt;&gt;(new MetadataHandler(registry, self, ports.topicCreationDefaults())));
 *  ... CreateTopics, DeleteTopics, CreatePartitions, DescribeConfigs, DescribeCluster likewise ...
 *  builder.handler(new ApiVersionsApiHandler(new ApiVersionsHandler(servedApiKeys)));
 * </pre>
 *
 * <p>{@link io.samsa.broker.admin.MessageApiHandler} adapts a synchronous handler, through the shared {@link io.samsa.broker.api.MessageHandler}, to the network
 * layer's {@code ApiHandler}; {@link io.samsa.broker.admin.ApiVersionsApiHandler} adds
 * ApiVersions' fallback (above the max: UNSUPPORTED_VERSION body at v0, header v0) and its
 * always-v0 response header.
 */
package io.samsa.broker.admin;
