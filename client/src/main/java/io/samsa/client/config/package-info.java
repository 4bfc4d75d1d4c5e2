/**
 * Declarative client configuration: {@link io.samsa.client.config.ConfigDef} tables of keys (type,
 * default, validator, doc) parsed into {@link io.samsa.client.config.AbstractConfig}s; the keys
 * shared by all clients are in {@link io.samsa.client.config.CommonClientConfigs}.
 */
package io.samsa.client.config;
