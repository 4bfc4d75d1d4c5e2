/**
 * Requests one broker sends another over the inter-broker listener, outside replication (which has
 * its own long-lived fetch connections): today the transaction coordinator's WriteTxnMarkers to
 * the leaders of a transaction's partitions. One pipelined connection per peer broker, requests
 * matched to responses by correlation id, every request bounded by {@code request.timeout.ms}.
 */
package io.samsa.broker.interbroker;
