package dev.faultlab.backend.netns;

import dev.faultlab.datapath.Commands;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How the builder gets its commands into the kernel. {@link #BATCHED} is what labs use: one {@code ip -batch} per
 * namespace, sysctls written from a thread inside the namespace, ethtool spawned from it.
 * {@link #ONE_FORK_PER_COMMAND} runs exactly the same commands the obvious way ({@code ip -n NS ...},
 * {@code ip netns exec NS sysctl -w}, {@code ip netns exec NS ethtool}); it exists as the benchmark's peer.
 */
public interface HostCommands {
    void run(IpBatch batch, String namespace);

    void tune(String namespace, Map<String, String> sysctls, List<String> veths);

    HostCommands BATCHED = new HostCommands() {
        @Override
        public void run(IpBatch batch, String namespace) {
            batch.run(namespace);
        }

        @Override
        public void tune(String namespace, Map<String, String> sysctls, List<String> veths) {
            NamespaceTuning.apply(namespace, sysctls, veths);
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
    };
}
