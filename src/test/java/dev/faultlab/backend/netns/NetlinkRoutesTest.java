package dev.faultlab.backend.netns;

import dev.faultlab.datapath.RouteInstaller;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class NetlinkRoutesTest {
    private static final short NEW = 24;
    private static final short DEL = 25;
    private static final int BIRD = 12;

    @Test
    void readsEveryRouteMessageOfADatagram() {
        ByteBuffer datagram = datagram(
                message(NEW, 24, 201, BIRD, "10.244.2.0", "192.168.100.12"),
                message(DEL, 24, 201, BIRD, "10.244.3.0", "192.168.100.13"),
                message(NEW, 24, 254, 2, "192.168.100.0", null));

        assertThat(NetlinkRoutes.parse(datagram)).containsExactly(
                new NetlinkRoutes.Route(false, "10.244.2.0/24", "192.168.100.12", 201, BIRD),
                new NetlinkRoutes.Route(true, "10.244.3.0/24", "192.168.100.13", 201, BIRD),
                new NetlinkRoutes.Route(false, "192.168.100.0/24", "", 254, 2));
    }

    @Test
    void theBirdSyncMirrorsOnlyGatewayedBirdRoutesOfItsTable(@org.junit.jupiter.api.io.TempDir Path dir) {
        RouteInstaller routes = new RouteInstaller("10.244.1.0/24", dir.resolve("routes"), null);
        for (NetlinkRoutes.Route route : NetlinkRoutes.parse(datagram(
                message(NEW, 24, 254, 17, "10.244.5.0", "192.168.100.15"),
                message(NEW, 24, 202, BIRD, "10.244.6.0", "192.168.100.16"),
                message(NEW, 24, 201, 4, "10.244.7.0", "192.168.100.17"),
                message(NEW, 24, 201, BIRD, "10.244.8.0", null)))) {
            BirdRouteSyncMain.apply(routes, route);
        }
        assertThat(routes.pending()).as("main-table, other-table, static and blackhole routes ignored").isEmpty();

        BirdRouteSyncMain.apply(routes, NetlinkRoutes.parse(datagram(
                message(NEW, 24, 201, BIRD, "10.244.2.0", "192.168.100.12"))).get(0));
        assertThat(routes.pending()).containsEntry("10.244.2.0/24", "192.168.100.12").hasSize(1);
    }

    private static ByteBuffer datagram(byte[]... messages) {
        ByteBuffer all = ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder());
        for (byte[] m : messages) {
            all.put(m);
        }
        all.flip();
        return all;
    }

    /** An RTM_NEWROUTE/RTM_DELROUTE message as the kernel sends it (header, rtmsg, attributes). */
    private static byte[] message(short type, int dstLength, int table, int protocol, String dst, String gateway) {
        int length = 16 + 12 + 8 + (gateway == null ? 0 : 8) + 8;
        ByteBuffer m = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        m.putInt(length).putShort(type).putShort((short) 0).putInt(1).putInt(0);
        m.put((byte) 2).put((byte) dstLength).put((byte) 0).put((byte) 0).put((byte) Math.min(table, 252))
                .put((byte) protocol).put((byte) 0).put((byte) 1).putInt(0);
        m.putShort((short) 8).putShort((short) 15).putInt(table);
        m.putShort((short) 8).putShort((short) 1).put(address(dst));
        if (gateway != null) {
            m.putShort((short) 8).putShort((short) 5).put(address(gateway));
        }
        return m.array();
    }

    private static byte[] address(String ip) {
        String[] parts = ip.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return bytes;
    }
}
