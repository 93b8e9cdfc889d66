package dev.faultlab.datapath;

import dev.faultlab.topology.NodeInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A VXLAN tunnel device programmed the way flanneld programs {@code flannel.1}: no learning, one static FDB entry
 * (peer MAC to peer underlay IP) and one static neighbor entry (next hop to peer MAC) per peer, a route per peer pod
 * CIDR via the next hop with {@code onlink}. The next hop differs by datapath, hence {@code nextHopIsPodNetwork}.
 * This record is the one place the lab's VXLAN-carried datapaths are defined; every backend runs its commands.
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
    List<List<String>> create(NodeInfo node, String underlayDevice, Optional<String> mac) {
        List<String> add = new ArrayList<>(List.of("ip", "link", "add", name));
        mac.ifPresent(m -> add.addAll(List.of("address", m)));
        add.addAll(List.of("type", "vxlan", "id", Integer.toString(vni), "local", node.underlayIp(), "dev",
                underlayDevice, "dstport", Integer.toString(port), "nolearning"));
        List<List<String>> plan = new ArrayList<>();
        plan.add(add);
        plan.addAll(raise(node));
        return plan;
    }

    List<List<String>> raise(NodeInfo node) {
        String address = node.podCidr().substring(0, node.podCidr().indexOf('/'));
        return List.of(
                List.of("ip", "link", "set", name, "mtu", Integer.toString(mtu)),
                List.of("ip", "addr", "add", address + "/32", "dev", name),
                List.of("ip", "link", "set", name, "up"));
    }

    /** FDB first: once the neighbor entry names the peer's MAC, frames to it must already know the VTEP. */
    List<List<String>> peer(VtepLease peer) {
        return List.of(
                List.of("bridge", "fdb", "replace", peer.vtepMac(), "dev", name, "dst", peer.underlayIp(), "self",
                        "permanent"),
                List.of("ip", "neigh", "replace", nextHop(peer), "lladdr", peer.vtepMac(), "dev", name, "nud",
                        "permanent"),
                route(peer));
    }

    List<String> route(VtepLease peer) {
        List<String> route = new ArrayList<>(List.of("ip", "route", "replace", peer.podCidr(), "via",
                nextHop(peer), "dev", name, "onlink"));
        if (routeProtocol != null) {
            route.addAll(List.of("proto", routeProtocol));
        }
        return route;
    }

    List<List<String>> retire(VtepLease old) {
        return List.of(List.of("bridge", "fdb", "del", old.vtepMac(), "dev", name, "self"));
    }

    private String nextHop(VtepLease peer) {
        return nextHopIsPodNetwork ? peer.podNetworkAddress() : peer.underlayIp();
    }
}
