package dev.faultlab.backend.netns;

import dev.faultlab.datapath.IpBatch;
import dev.faultlab.datapath.Commands;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How the builder gets its commands into the kernel. {@link #BATCHED} is what labs use: one {@code ip -batch} per
 * node, and from a thread inside each namespace: sysctls as file writes, offloads as ethtool ioctls, and a pod's
 * or client's few settings as rtnetlink requests (no fork at all for an endpoint).
 * {@link #ONE_FORK_PER_COMMAND} runs exactly the same commands the obvious way ({@code ip -n NS ...},
 * {@code ip netns exec NS sysctl -w}, {@code ip netns exec NS ethtool}); it exists as the benchmark's peer.
 */
public interface HostCommands {
    void run(IpBatch batch, String namespace);

    void tune(String namespace, Map<String, String> sysctls, List<String> veths);

    /** A pod or client: lo and eth0 up (eth0 with its MTU, offloads off), its address and its default route. */
    void configureEndpoint(String namespace, String cidr, String gateway, int mtu);

    HostCommands BATCHED = new HostCommands() {
        @Override
        public void run(IpBatch batch, String namespace) {
            batch.run(namespace);
        }

        @Override
        public void tune(String namespace, Map<String, String> sysctls, List<String> veths) {
            NamespaceTuning.apply(namespace, sysctls, veths);
        }

        @Override
        public void configureEndpoint(String namespace, String cidr, String gateway, int mtu) {
            NamespaceTuning.configureEndpoint(namespace, cidr, gateway, mtu);
        }
    };

    HostCommands ONE_FORK_PER_COMMAND = new HostCommands() {
        @Override
        public void run(IpBatch batch, String namespace) {
            for (String line : batch.lines()) {
                List<String> argv = new ArrayList<>(List.of(batch.tool()));
                if (namespace != null) {
                    argv.addAll(List.of("-n", namespace));
                }
                argv.addAll(Arrays.asList(line.split(" ")));
                Commands.run(argv).orThrow();
            }
        }

        @Override
        public void tune(String namespace, Map<String, String> sysctls, List<String> veths) {
            sysctls.forEach((key, value) -> Commands.run(List.of("ip", "netns", "exec", namespace, "sysctl", "-qw",
                    key + "=" + value)).orThrow());
            veths.forEach(veth -> Commands.run(List.of("ip", "netns", "exec", namespace, "ethtool", "-K", veth,
                    "tso", "off", "gso", "off", "gro", "off")).orThrow());
        }

        @Override
        public void configureEndpoint(String namespace, String cidr, String gateway, int mtu) {
            run(NetworkBuilder.endpointBatch(cidr, gateway, mtu), namespace);
            tune(namespace, Map.of(), List.of("eth0"));
        }
    };
}
