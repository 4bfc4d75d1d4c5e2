/**
 * The replica fetchers: per leader broker one non-blocking connection (Netty, the protocol's
 * codecs, no dependency on the client module) and one worker thread that truncates to the
 * divergence point ({@link io.samsa.broker.replication.fetcher.DivergencePoint}) and appends what
 * it fetches as follower. Depends on {@code io.samsa.broker.replication}, never the reverse.
 */
package io.samsa.broker.replication.fetcher;
