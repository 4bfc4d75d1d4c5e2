package io.samsa.broker.scenarios;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link SharedClusterScenario} whose cluster routes every inter-node path through fault
 * proxies ({@code SamsaCluster.Builder.faultProxies()}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface ThroughFaultProxies {
}
