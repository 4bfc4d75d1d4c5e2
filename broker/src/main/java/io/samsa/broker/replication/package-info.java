/**
 * Replication of partition data between brokers, Kafka's design: followers fetch from leaders.
 *
 * <pre>
 *  metadata (tests today, the quorum next) ──PartitionRole──▶ {@link io.samsa.broker.replication.ReplicaManager}
 *        ▲                                                      │ leader: {@link io.samsa.broker.replication.ReplicatedPartition}
 *        │ AlterPartition (ISR changes)                          │   follower positions ─▶ ISR, high watermark
 *        └──────────────── {@link io.samsa.broker.replication.AlterPartitionSender}
 *                                                               │ follower: {@link io.samsa.broker.replication.FollowerSync}
 *                                                               ▼   (the replica fetchers in {@code fetcher})
 * </pre>
 *
 * <p>The data plane ({@code io.samsa.broker.data}) asks this package whether a partition is
 * replicated and, if so, whether this broker leads it, where its high watermark is, and is told
 * of every change ({@link io.samsa.broker.replication.PartitionChangeListener}) so parked produces
 * and fetches re-check. A partition without a role is single-node and never touches this package
 * beyond one map lookup. Nothing here depends on {@code data}, {@code admin} or {@code fetcher}.
 */
package io.samsa.broker.replication;
