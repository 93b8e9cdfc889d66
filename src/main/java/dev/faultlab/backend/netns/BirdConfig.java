package dev.faultlab.backend.netns;

import dev.faultlab.datapath.GobgpConfig;
import dev.faultlab.topology.BgpOptions;

import java.util.List;
import java.util.Optional;

/**
 * bird2's configuration for one node: the same iBGP full mesh as {@link GobgpConfig} (AS 64512 over the
 * underlay, the spec's hold/keepalive timers, graceful restart when asked for), announcing the node's pod CIDR
 * and exporting learned routes into {@link #EXPORT_TABLE} for {@link BirdRouteSyncMain}.
 *
 * <p>Why the timers: {@code connect delay time 1} is bird's minimum wait before the first connect (GoBGP's is
 * 5-9 s); {@code error wait time 1, 2} brings a dropped session back within 1-2 s. {@code protocol device} scans
 * every second because bird 2.0.12 otherwise sends a freshly established session's first UPDATE only at its next
 * timer (its io_loop polls up to 3 s when nothing is queued): measured, the first UPDATE left 2.3-2.9 s after
 * Established with the default scan time, 60 ms after with a 1 s one. The kernel protocol {@code persist}s, so
 * a stopped bird leaves its routes as a stopped kube-router does.
 */
final class BirdConfig {
    /** The private kernel table bird exports to (bird can only write {@code proto bird}; the sync rewrites it). */
    static final int EXPORT_TABLE = 201;
    private static final String PEER_PREFIX = "peer_";

    private BirdConfig() {
    }

    static String conf(LabPlan.NodePlan node, List<LabPlan.NodePlan> peers, BgpOptions options) {
        StringBuilder conf = new StringBuilder()
                .append("router id ").append(node.underlayIp()).append(";\n")
                .append("log stderr all;\n")
                .append("protocol device { scan time 1; }\n")
                .append("protocol static announced {\n  ipv4;\n  route ").append(node.podCidr())
                .append(" blackhole;\n}\n")
                .append("protocol kernel {\n  kernel table ").append(EXPORT_TABLE).append(";\n  persist;\n")
                .append(options.gracefulRestart() ? "  graceful restart on;\n" : "")
                .append("  ipv4 { import none; export where source = RTS_BGP; };\n}\n")
                .append("template bgp mesh {\n")
                .append("  local ").append(node.underlayIp()).append(" as ").append(GobgpConfig.AS).append(";\n")
                .append("  direct;\n")
                .append("  hold time ").append(options.holdTimeSeconds()).append(";\n")
                .append("  keepalive time ").append(options.keepaliveSeconds()).append(";\n")
                .append("  connect delay time 1;\n  connect retry time 1;\n  error wait time 1, 2;\n")
                .append(options.gracefulRestart()
                        ? "  graceful restart on;\n  graceful restart time " + options.restartTimeSeconds() + ";\n"
                        : "  graceful restart off;\n")
                .append("  ipv4 { import all; export where proto = \"announced\"; next hop self; gateway direct; };\n")
                .append("}\n");
        for (LabPlan.NodePlan peer : peers) {
            conf.append("protocol bgp ").append(protocolName(peer.underlayIp())).append(" from mesh { neighbor ")
                    .append(peer.underlayIp()).append(" as ").append(GobgpConfig.AS).append("; }\n");
        }
        return conf.toString();
    }

    /** bird protocol names are identifiers: {@code peer_192_168_100_12}. */
    static String protocolName(String peerAddress) {
        return PEER_PREFIX + peerAddress.replace('.', '_');
    }

    /** The peer address a protocol name stands for, if it is one of the mesh's sessions. */
    static Optional<String> peerAddress(String protocolName) {
        return protocolName.startsWith(PEER_PREFIX)
                ? Optional.of(protocolName.substring(PEER_PREFIX.length()).replace('_', '.'))
                : Optional.empty();
    }
}
