package dev.faultlab.backend.netns;

import dev.faultlab.topology.BgpOptions;

import java.util.List;

/**
 * gobgpd's TOML configuration for one node, as kube-router configures its embedded GoBGP: iBGP full mesh in
 * AS 64512 over the underlay, the spec's hold/keepalive timers, and graceful restart when asked for.
 */
final class GobgpConfig {
    private GobgpConfig() {
    }

    static String toml(LabPlan.NodePlan node, List<LabPlan.NodePlan> peers, BgpOptions options) {
        StringBuilder toml = new StringBuilder()
                .append("[global.config]\n")
                .append("  as = ").append(BgpDriver.AS).append('\n')
                .append("  router-id = \"").append(node.underlayIp()).append("\"\n")
                .append("  local-address-list = [\"").append(node.underlayIp()).append("\"]\n");
        for (LabPlan.NodePlan peer : peers) {
            toml.append("\n[[neighbors]]\n")
                    .append("  [neighbors.config]\n")
                    .append("    neighbor-address = \"").append(peer.underlayIp()).append("\"\n")
                    .append("    peer-as = ").append(BgpDriver.AS).append('\n')
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
