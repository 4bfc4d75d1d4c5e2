/**
 * How admin operations run: each is a {@link io.samsa.client.admin.internals.KeyedRetry} over its
 * keys (topics, partitions, groups) whose attempts route requests to the controller
 * ({@link io.samsa.client.admin.internals.TopicAdmin}), partition leaders
 * ({@link io.samsa.client.admin.internals.LeaderRouting}) or group coordinators
 * ({@link io.samsa.client.admin.internals.CoordinatorRouting}), with fresh metadata on every attempt.
 */
package io.samsa.client.admin.internals;
