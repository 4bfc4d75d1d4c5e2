package io.samsa.broker.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a subclass of a single-broker interop test that runs the same tests against a 3-node
 * {@link SamsaCluster} instead: the base class checks the annotation (or asks
 * {@link SharedCluster#isRunning}) and starts its target accordingly.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OnCluster {
}
