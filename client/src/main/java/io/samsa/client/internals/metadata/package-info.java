/**
 * The client's view of the cluster, built on the network layer.
 *
 * <ul>
 *   <li>{@link io.samsa.client.internals.metadata.ClusterMetadata}: the tracked view
 *       ({@code snapshot()}), topics to track ({@code addTopics}, {@code setTopics},
 *       {@code trackAllTopics}), refresh on demand ({@code requestUpdate()}, {@code onError(code)} for
 *       stale-metadata errors) and every metadata.max.age.ms, one-off lookups ({@code fetch(topics)}),
 *       {@code leastLoadedNode(nowMs)}, {@code bootstrapNodes(servers)}.</li>
 *   <li>{@link io.samsa.client.internals.metadata.MetadataSnapshot}: one response indexed: nodes,
 *       controller, leaders and leader epochs, topic ids, topic errors, and a {@code Cluster} for
 *       partitioners and assignors.</li>
 *   <li>{@link io.samsa.client.internals.metadata.CoordinatorLookup}: group and transaction
 *       coordinators ({@code find}, batched {@code findAll}), cached until {@code invalidate} or
 *       {@code onError(NOT_COORDINATOR | COORDINATOR_NOT_AVAILABLE)}.</li>
 * </ul>
 */
package io.samsa.client.internals.metadata;
