package io.samsa.broker.interop.groups;

import io.samsa.broker.testing.OnCluster;

/**
 * {@link AssignorsInteropTest} against a 3-node cluster whose group coordinator is not the bootstrap
 * broker ({@link GroupsCluster}).
 */
@OnCluster
class AssignorsOnClusterTest extends AssignorsInteropTest {
}
