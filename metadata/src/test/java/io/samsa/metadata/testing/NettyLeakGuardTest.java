package io.samsa.metadata.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The guard sees leaks of both Nettys (the reports are drained, so this class itself passes). */
class NettyLeakGuardTest {

    @Test
    void aLeakedBufferOfEitherNettyIsReported() throws InterruptedException {
        NettyLeakGuard.drainReports();
        leakOurs();
        leakRatis();
        NettyLeakGuard.forceLeakDetection();
        List<String> reports = NettyLeakGuard.drainReports();
        assertTrue(reports.stream().anyMatch(r -> r.startsWith("LEAK (io.netty)")), reports.toString());
        assertTrue(reports.stream().anyMatch(r -> r.startsWith("LEAK (Ratis Netty)")), reports.toString());
    }

    private static void leakOurs() {
        io.netty.buffer.ByteBufAllocator.DEFAULT.buffer(8).writeLong(1); // never released, on purpose
    }

    private static void leakRatis() {
        org.apache.ratis.thirdparty.io.netty.buffer.ByteBufAllocator.DEFAULT.buffer(8).writeLong(1); // on purpose
    }
}
