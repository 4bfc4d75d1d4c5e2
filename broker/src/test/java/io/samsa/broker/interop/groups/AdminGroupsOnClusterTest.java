package io.samsa.broker.interop.groups;

import io.samsa.broker.testing.OnCluster;
import org.junit.jupiter.api.Tag;

/**
 * {@link AdminGroupsInteropTest} against a 3-node cluster whose group coordinator is not the bootstrap
 * broker ({@link GroupsCluster}).
 */
@OnCluster
@Tag("cluster-pending")
class AdminGroupsOnClusterTest extends AdminGroupsInteropTest {
}
