package io.samsa.broker.network;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The socket transport: native epoll (Linux, shipped in netty-all for x86_64 and aarch64) when it
 * loads, Java NIO otherwise. Both behave the same; epoll also sends {@code DefaultFileRegion}s
 * with sendfile.
 */
public enum Transport {
    EPOLL {
        @Override
        public IoHandlerFactory ioHandlerFactory() {
            return EpollIoHandler.newFactory();
        }

        @Override
        public Class<? extends ServerChannel> serverChannelClass() {
            return EpollServerSocketChannel.class;
        }
    },
    NIO {
        @Override
        public IoHandlerFactory ioHandlerFactory() {
            return NioIoHandler.newFactory();
        }

        @Override
        public Class<? extends ServerChannel> serverChannelClass() {
            return NioServerSocketChannel.class;
        }
    };

    /** @return the factory for event loops of this transport */
    public abstract IoHandlerFactory ioHandlerFactory();

    /** @return the listening channel class matching {@link #ioHandlerFactory()} */
    public abstract Class<? extends ServerChannel> serverChannelClass();

    /**
     * @param nativeEnabled samsa.network.native.enable
     * @return epoll if enabled and available, else NIO
     */
    public static Transport select(boolean nativeEnabled) {
        return nativeEnabled && Epoll.isAvailable() ? EPOLL : NIO;
    }
}
