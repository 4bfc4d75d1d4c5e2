/**
 * Authorization: Kafka's ACL operations and resource types, and the {@link io.samsa.broker.security.Authorizer}
 * the request handlers ask. Depends only on {@code io.samsa.broker.api}.
 */
package io.samsa.broker.security;
