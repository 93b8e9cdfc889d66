package dev.faultlab.backend.nodenet;

import dev.faultlab.topology.NodeInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * A VXLAN tunnel device programmed the way flanneld programs {@code flannel.1}: no learning, one static neighbor
 * entry (next hop to peer MAC) and one FDB entry (peer MAC to peer underlay IP) per peer, a route per peer pod
 * CIDR via the next hop with {@code onlink}. The next hop differs by datapath, hence {@code nextHopIsPodNetwork}.
 *
 * @param name                device name
 * @param vni                 VXLAN network identifier
 * @param port                UDP destination port
 * @param mtu                 device MTU
 * @param nextHopIsPodNetwork whether the next hop is the peer's pod network address (flannel) rather than the
 *                            peer's underlay address (Calico IPIP)
 * @param routeProtocol       the {@code proto} of peer routes as the real agent installs them ({@code bird} for
 *                            Calico), or null for the kernel's default (flannel)
 */
record VxlanTunnel(String name, int vni, int port, int mtu, boolean nextHopIsPodNetwork, String routeProtocol) {
    List<List<String>> create(NodeInfo node, String underlayDevice) {
        String address = node.podCidr().substring(0, node.podCidr().indexOf('/'));
        return List.of(
                List.of("ip", "link", "add", name, "type", "vxlan", "id", Integer.toString(vni), "local",
                        node.underlayIp(), "dev", underlayDevice, "dstport", Integer.toString(port), "nolearning"),
                List.of("ip", "link", "set", name, "mtu", Integer.toString(mtu)),
                List.of("ip", "addr", "add", address + "/32", "dev", name),
                List.of("ip", "link", "set", name, "up"));
    }

    List<List<String>> peer(VtepLease peer) {
        String nextHop = nextHop(peer);
        List<String> route = new ArrayList<>(List.of("ip", "route", "replace", peer.podCidr(), "via",
                nextHop, "dev", name, "onlink"));
        if (routeProtocol != null) {
            route.addAll(List.of("proto", routeProtocol));
        }
        return List.of(
                List.of("ip", "neigh", "replace", nextHop, "lladdr", peer.vtepMac(), "dev", name, "nud", "permanent"),
                List.of("bridge", "fdb", "replace", peer.vtepMac(), "dev", name, "dst", peer.underlayIp(), "self",
                        "permanent"),
                route);
    }

    List<List<String>> forget(VtepLease peer) {
        return List.of(
                List.of("ip", "route", "del", peer.podCidr(), "dev", name),
                List.of("ip", "neigh", "del", nextHop(peer), "dev", name),
                List.of("bridge", "fdb", "del", peer.vtepMac(), "dev", name, "self"));
    }

    private String nextHop(VtepLease peer) {
        return nextHopIsPodNetwork ? peer.podNetworkAddress() : peer.underlayIp();
    }
}
