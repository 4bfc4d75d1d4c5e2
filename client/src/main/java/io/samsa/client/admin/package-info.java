/**
 * The admin client: {@link io.samsa.client.admin.SamsaAdmin} (created from Properties or a Map, as
 * Kafka's {@code Admin.create}), its configuration ({@link io.samsa.client.admin.AdminClientConfig})
 * and the value types of its results. The request routing and retries live in
 * {@code io.samsa.client.admin.internals}.
 */
package io.samsa.client.admin;
