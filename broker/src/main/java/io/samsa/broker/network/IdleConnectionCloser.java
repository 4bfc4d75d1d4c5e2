package io.samsa.broker.network;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection when the {@code IdleStateHandler} before it reports no reads or writes for
 * {@code connections.max.idle.ms}. Logged at DEBUG, as Kafka does: any client can open idle
 * connections, so a line each at INFO would let it fill the log.
 *
 * <p>Stateless; shared by every connection.
 */
@ChannelHandler.Sharable
final class IdleConnectionCloser extends ChannelInboundHandlerAdapter {
    static final IdleConnectionCloser INSTANCE = new IdleConnectionCloser();
    private static final Logger log = LoggerFactory.getLogger(IdleConnectionCloser.class);

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            log.debug("Closing idle connection from {}", ctx.channel().remoteAddress());
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }
}
