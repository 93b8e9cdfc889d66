package dev.faultlab.backend.netns;

import com.sun.jna.LastErrorException;
import dev.faultlab.LabException;
import dev.faultlab.linux.Libc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The IPv4 routes of the calling thread's network namespace over rtnetlink: first every route there is (a dump),
 * then every change, on one socket that subscribed before it asked for the dump, so a route added meanwhile is
 * seen at least once (an {@code ip monitor} child could still be starting while the table was read, and missed
 * routes at scale). One socket in the agent host per node instead of one {@code ip monitor} process. A receive waits a
 * bounded time, so the thread reading it comes back to its checkpoint.
 */
final class NetlinkRoutes implements AutoCloseable {
    private static final int NETLINK_ROUTE = 0;
    private static final int RTMGRP_IPV4_ROUTE = 0x40;
    private static final short RTM_NEWROUTE = 24;
    private static final short RTM_DELROUTE = 25;
    private static final short RTM_GETROUTE = 26;
    private static final short NLM_F_REQUEST = 1;
    private static final short NLM_F_DUMP = 0x300;
    private static final int AF_INET = 2;
    private static final int RTA_DST = 1;
    private static final int RTA_GATEWAY = 5;
    private static final int RTA_TABLE = 15;
    private static final int HEADER = 16;
    private static final int RTMSG = 12;
    private static final int EINTR = 4;

    private final int fd;
    /** Dumps come in datagrams of a page or two; 100 nodes hold 100 of these, so it stays small. */
    private final byte[] buffer = new byte[32 * 1024];
    private int sequence;

    private NetlinkRoutes(int fd) {
        this.fd = fd;
    }

    /** Subscribes to the namespace's IPv4 route changes and asks for a dump of its routes. */
    static NetlinkRoutes open() {
        Libc libc = Libc.INSTANCE;
        int fd;
        try {
            fd = libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, NETLINK_ROUTE);
        } catch (LastErrorException e) {
            throw new LabException("cannot open a netlink socket (errno " + e.getErrorCode() + "): run as root");
        }
        NetlinkRoutes routes = new NetlinkRoutes(fd);
        try {
            ByteBuffer address = native16(12).putShort((short) Libc.AF_NETLINK).putShort((short) 0).putInt(0)
                    .putInt(RTMGRP_IPV4_ROUTE);
            libc.bind(fd, address.array(), 12);
            routes.requestDump();
            return routes;
        } catch (LastErrorException e) {
            routes.close();
            throw new LabException("cannot subscribe to route changes (errno " + e.getErrorCode() + "): run as root");
        }
    }

    /** Asks for every route again (after an overrun lost changes). */
    void requestDump() {
        ByteBuffer request = native16(HEADER + RTMSG).putInt(HEADER + RTMSG).putShort(RTM_GETROUTE)
                .putShort((short) (NLM_F_REQUEST | NLM_F_DUMP)).putInt(++sequence).putInt(0)
                .put((byte) AF_INET);
        Libc.INSTANCE.send(fd, request.array(), HEADER + RTMSG, 0);
    }

    /**
     * The routes of the next datagram, waiting up to {@code waitMillis} ms for one (empty when none came). After
     * the receive buffer overflowed (a hung agent read nothing for long), asks for a dump again, so the routes
     * still add up.
     */
    List<Route> receive(long waitMillis) {
        try {
            if (waitMillis > 0) {
                ByteBuffer pollfd = native16(8).putInt(fd).putShort(Libc.POLLIN).putShort((short) 0);
                if (Libc.INSTANCE.poll(pollfd.array(), 1, (int) waitMillis) == 0) {
                    return List.of();
                }
            }
            long n = Libc.INSTANCE.recv(fd, buffer, buffer.length, Libc.MSG_DONTWAIT);
            return parse(ByteBuffer.wrap(buffer, 0, (int) n).order(ByteOrder.nativeOrder()));
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Libc.ENOBUFS) {
                requestDump();
            } else if (e.getErrorCode() != Libc.EAGAIN && e.getErrorCode() != EINTR) {
                throw new LabException("reading route changes failed (errno " + e.getErrorCode() + ")");
            }
            return List.of();
        }
    }

    /** The route messages in one datagram (one or more netlink messages). */
    static List<Route> parse(ByteBuffer datagram) {
        List<Route> routes = new ArrayList<>();
        ByteBuffer data = datagram.slice().order(ByteOrder.nativeOrder());
        int offset = 0;
        while (offset + HEADER <= data.limit()) {
            int length = data.getInt(offset);
            short type = data.getShort(offset + 4);
            if (length < HEADER || offset + length > data.limit()) {
                break;
            }
            if ((type == RTM_NEWROUTE || type == RTM_DELROUTE) && length >= HEADER + RTMSG) {
                route(data, offset + HEADER, offset + length, type == RTM_DELROUTE).ifPresent(routes::add);
            }
            offset += align(length);
        }
        return routes;
    }

    private static java.util.Optional<Route> route(ByteBuffer data, int rtmsg, int end, boolean deleted) {
        if (data.get(rtmsg) != AF_INET) {
            return java.util.Optional.empty();
        }
        int dstLength = Byte.toUnsignedInt(data.get(rtmsg + 1));
        int table = Byte.toUnsignedInt(data.get(rtmsg + 4));
        int protocol = Byte.toUnsignedInt(data.get(rtmsg + 5));
        String dst = "0.0.0.0";
        String gateway = "";
        int attr = rtmsg + RTMSG;
        while (attr + 4 <= end) {
            int length = Short.toUnsignedInt(data.getShort(attr));
            int type = Short.toUnsignedInt(data.getShort(attr + 2));
            if (length < 4 || attr + length > end) {
                break;
            }
            if (type == RTA_DST && length == 8) {
                dst = ipv4(data, attr + 4);
            } else if (type == RTA_GATEWAY && length == 8) {
                gateway = ipv4(data, attr + 4);
            } else if (type == RTA_TABLE && length == 8) {
                table = data.getInt(attr + 4);
            }
            attr += align(length);
        }
        return java.util.Optional.of(new Route(deleted, dst + "/" + dstLength, gateway, table, protocol));
    }

    private static String ipv4(ByteBuffer data, int at) {
        return Byte.toUnsignedInt(data.get(at)) + "." + Byte.toUnsignedInt(data.get(at + 1)) + "."
                + Byte.toUnsignedInt(data.get(at + 2)) + "." + Byte.toUnsignedInt(data.get(at + 3));
    }

    private static int align(int length) {
        return (length + 3) & ~3;
    }

    private static ByteBuffer native16(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    @Override
    public void close() {
        try {
            Libc.INSTANCE.close(fd);
        } catch (LastErrorException e) {
            // already closed
        }
    }

    /**
     * One route message.
     *
     * @param prefix   destination, e.g. {@code 10.244.1.0/24}
     * @param gateway  next hop, empty for a route without one (blackhole, on-link)
     * @param protocol who wrote it ({@code 12} is bird, {@code 17} kube-router)
     */
    record Route(boolean deleted, String prefix, String gateway, int table, int protocol) {
    }
}
