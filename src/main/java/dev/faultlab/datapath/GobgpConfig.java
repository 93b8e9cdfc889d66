package dev.faultlab.datapath;

import dev.faultlab.topology.BgpOptions;

import java.util.List;

/**
 * gobgpd's TOML configuration for one node, as kube-router configures its embedded GoBGP: iBGP full mesh in
 * AS 64512 over the underlay, the spec's hold/keepalive timers, and graceful restart when asked for. Public: the
 * docker backend configures the gobgpd in its node containers with it.
 */
public final class GobgpConfig {
    public static final int AS = 64512;

    private GobgpConfig() {
    }

    /**
     * @param routerIp the node's underlay address (router id and local address)
     * @param peerIps  the other nodes' underlay addresses
     * @param options  timers and graceful restart
     */
    public static String toml(String routerIp, List<String> peerIps, BgpOptions options) {
        return toml(routerIp, peerIps, List.of(), options);
    }

    /**
     * As {@link #toml(String, List, BgpOptions)}, waiting for {@code passivePeerIps} to connect instead of connecting
     * to them. Two speakers that open their sessions at the same moment can both keep their own connection in
     * OpenSent and close the other's, and GoBGP then stalls until the OpenSent hold time (minutes); one active side
     * per pair avoids that collision.
     */
    public static String toml(String routerIp, List<String> peerIps, List<String> passivePeerIps,
                              BgpOptions options) {
        StringBuilder toml = new StringBuilder()
                .append("[global.config]\n")
                .append("  as = ").append(AS).append('\n')
                .append("  router-id = \"").append(routerIp).append("\"\n")
                .append("  local-address-list = [\"").append(routerIp).append("\"]\n");
        for (String peer : peerIps) {
            toml.append("\n[[neighbors]]\n")
                    .append("  [neighbors.config]\n")
                    .append("    neighbor-address = \"").append(peer).append("\"\n")
                    .append("    peer-as = ").append(AS).append('\n')
                    .append(passivePeerIps.contains(peer) ? "  [neighbors.transport.config]\n    passive-mode = true\n"
                            : "")
                    .append("  [neighbors.timers.config]\n")
                    .append("    connect-retry = 1\n")
                    .append("    hold-time = ").append(options.holdTimeSeconds()).append('\n')
                    .append("    keepalive-interval = ").append(options.keepaliveSeconds()).append('\n')
                    .append("    idle-hold-time-after-reset = 1\n");
            if (options.gracefulRestart()) {
                toml.append("  [neighbors.graceful-restart.config]\n")
                        .append("    enabled = true\n")
                        .append("    restart-time = ").append(options.restartTimeSeconds()).append('\n');
            }
            toml.append("  [[neighbors.afi-safis]]\n")
                    .append("    [neighbors.afi-safis.config]\n")
                    .append("      afi-safi-name = \"ipv4-unicast\"\n");
            if (options.gracefulRestart()) {
                toml.append("    [neighbors.afi-safis.mp-graceful-restart.config]\n")
                        .append("      enabled = true\n");
            }
        }
        return toml.toString();
    }
}
