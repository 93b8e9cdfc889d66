package dev.faultlab.linux;

import com.sun.jna.LastErrorException;
import dev.faultlab.LabException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The few rtnetlink requests that configure a lab endpoint (a pod or a client: a link up with its MTU, an IPv4
 * address, a default route) and that a route sync makes (a learned pod route replaced or deleted). Sent from a
 * thread that joined the namespace, on a socket of that namespace, each acknowledged before the next: what
 * {@code ip -n NS -batch} did, without an {@code ip} process per pod (a 100-node lab has 400 pods) or per burst of
 * learned routes.
 */
public final class RtNetlink implements AutoCloseable {
    private static final int NETLINK_ROUTE = 0;
    private static final short RTM_NEWLINK = 16;
    private static final short RTM_NEWADDR = 20;
    private static final short RTM_NEWROUTE = 24;
    private static final short RTM_DELROUTE = 25;
    private static final short NLMSG_ERROR = 2;
    private static final int NLM_F_REQUEST = 1;
    private static final int NLM_F_ACK = 4;
    private static final int NLM_F_REPLACE = 0x100;
    private static final int NLM_F_EXCL = 0x200;
    private static final int NLM_F_CREATE = 0x400;
    private static final int IFF_UP = 1;
    private static final short IFLA_MTU = 4;
    private static final short IFA_ADDRESS = 1;
    private static final short IFA_LOCAL = 2;
    private static final short RTA_DST = 1;
    private static final short RTA_GATEWAY = 5;
    private static final byte RT_TABLE_MAIN = (byte) 254;
    private static final byte RTPROT_BOOT = 3;
    private static final byte RTN_UNICAST = 1;
    private static final byte RT_SCOPE_UNIVERSE = 0;
    private static final byte RT_SCOPE_NOWHERE = (byte) 255;

    private final String who;
    private final int fd;
    private final byte[] reply = new byte[8192];
    private int sequence;

    private RtNetlink(String who, int fd) {
        this.who = who;
        this.fd = fd;
    }

    /** A socket of the calling thread's namespace; {@code who} names it in error messages. */
    public static RtNetlink open(String who) {
        try {
            return new RtNetlink(who, Libc.INSTANCE.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC,
                    NETLINK_ROUTE));
        } catch (LastErrorException e) {
            throw new LabException(who + ": cannot open a netlink socket (errno " + e.getErrorCode() + "): run as root");
        }
    }

    /** The index of a device, failing with its name when it does not exist. */
    public int index(String device) {
        int index = Libc.INSTANCE.if_nametoindex(device);
        if (index == 0) {
            throw new LabException(who + ": no device " + device);
        }
        return index;
    }

    /** {@code ip link set DEV [mtu M] up}; {@code mtu} 0 leaves the MTU alone. */
    public void up(String device, int mtu) {
        ByteBuffer m = message(RTM_NEWLINK, 0, 16 + (mtu > 0 ? 8 : 0));
        m.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(index(device)).putInt(IFF_UP).putInt(IFF_UP);
        if (mtu > 0) {
            m.putShort((short) 8).putShort(IFLA_MTU).putInt(mtu);
        }
        send(m, "link set " + device + (mtu > 0 ? " mtu " + mtu : "") + " up");
    }

    /** {@code ip addr add IP/PREFIX dev DEV}. */
    public void addAddress(String device, String ip, int prefixLength) {
        ByteBuffer m = message(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, 8 + 8 + 8);
        m.put((byte) Libc.AF_INET).put((byte) prefixLength).put((byte) 0).put((byte) 0).putInt(index(device));
        m.putShort((short) 8).putShort(IFA_LOCAL).put(ipv4(ip));
        m.putShort((short) 8).putShort(IFA_ADDRESS).put(ipv4(ip));
        send(m, "addr add " + ip + "/" + prefixLength + " dev " + device);
    }

    /** {@code ip route add default via GATEWAY}. */
    public void addDefaultRoute(String gateway) {
        ByteBuffer m = message(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, 12 + 8);
        m.put((byte) Libc.AF_INET).put((byte) 0).put((byte) 0).put((byte) 0)
                .put(RT_TABLE_MAIN).put(RTPROT_BOOT).put((byte) 0).put(RTN_UNICAST).putInt(0);
        m.putShort((short) 8).putShort(RTA_GATEWAY).put(ipv4(gateway));
        send(m, "route add default via " + gateway);
    }

    /**
     * {@code ip route replace PREFIX via GATEWAY proto PROTOCOL} in the main table. Returns 0, or the kernel's errno
     * (ENETUNREACH when the gateway is not on a connected network): a route sync decides what a failure means.
     */
    public int replaceRoute(String prefix, String gateway, int protocol) {
        ByteBuffer m = message(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_REPLACE, 12 + 8 + 8);
        m.put((byte) Libc.AF_INET).put((byte) prefixLength(prefix)).put((byte) 0).put((byte) 0)
                .put(RT_TABLE_MAIN).put((byte) protocol).put(RT_SCOPE_UNIVERSE).put(RTN_UNICAST).putInt(0);
        m.putShort((short) 8).putShort(RTA_DST).put(ipv4(prefixAddress(prefix)));
        m.putShort((short) 8).putShort(RTA_GATEWAY).put(ipv4(gateway));
        return ask(m);
    }

    /**
     * {@code ip route del PREFIX proto PROTOCOL} in the main table (a route of another protocol stays). Returns 0,
     * or the kernel's errno (ESRCH when there is no such route).
     */
    public int deleteRoute(String prefix, int protocol) {
        ByteBuffer m = message(RTM_DELROUTE, 0, 12 + 8);
        m.put((byte) Libc.AF_INET).put((byte) prefixLength(prefix)).put((byte) 0).put((byte) 0)
                .put(RT_TABLE_MAIN).put((byte) protocol).put(RT_SCOPE_NOWHERE).put((byte) 0).putInt(0);
        m.putShort((short) 8).putShort(RTA_DST).put(ipv4(prefixAddress(prefix)));
        return ask(m);
    }

    private static String prefixAddress(String prefix) {
        int slash = prefix.indexOf('/');
        return slash < 0 ? prefix : prefix.substring(0, slash);
    }

    private static int prefixLength(String prefix) {
        int slash = prefix.indexOf('/');
        return slash < 0 ? 32 : Integer.parseInt(prefix.substring(slash + 1));
    }

    private ByteBuffer message(short type, int flags, int bodyLength) {
        int length = 16 + bodyLength;
        return ByteBuffer.allocate(length).order(ByteOrder.nativeOrder())
                .putInt(length).putShort(type).putShort((short) (NLM_F_REQUEST | NLM_F_ACK | flags))
                .putInt(++sequence).putInt(0);
    }

    /** Sends a request and waits for its acknowledgement, failing with the kernel's errno and the command. */
    private void send(ByteBuffer message, String command) {
        int errno = ask(message);
        if (errno != 0) {
            throw new LabException(who + ": '" + command + "' failed (errno " + errno + ")");
        }
    }

    /** Sends a request and returns the errno of its acknowledgement (0: done). */
    private int ask(ByteBuffer message) {
        byte[] bytes = message.array();
        try {
            Libc.INSTANCE.send(fd, bytes, bytes.length, 0);
            while (true) {
                long n = Libc.INSTANCE.recv(fd, reply, reply.length, 0);
                ByteBuffer answer = ByteBuffer.wrap(reply, 0, (int) n).order(ByteOrder.nativeOrder());
                if (answer.getShort(4) == NLMSG_ERROR && answer.getInt(8) == sequence) {
                    return -answer.getInt(16);
                }
            }
        } catch (LastErrorException e) {
            return e.getErrorCode();
        }
    }

    private static byte[] ipv4(String ip) {
        String[] parts = ip.split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + ip);
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return bytes;
    }

    @Override
    public void close() {
        try {
            Libc.INSTANCE.close(fd);
        } catch (LastErrorException e) {
            // already closed
        }
    }
}
