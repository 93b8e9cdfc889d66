package dev.faultlab.backend.netns;

import dev.faultlab.datapath.Commands;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.LabException;
import dev.faultlab.linux.NetworkNamespace;
import dev.faultlab.linux.RtNetlink;
import dev.faultlab.linux.DeviceIoctls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sets a namespace's sysctls and turns segmentation offloads off on its veths, from a thread that joined the
 * namespace: sysctls are plain writes to /proc/sys and offloads are ethtool ioctls ({@link DeviceIoctls}), so neither
 * forks (a 100-node lab has 900 veth ends). TSO/GSO/GRO are off because
 * a veth would otherwise carry 64 KB "segments" and the tunnel-MTU incident would never show.
 */
final class NamespaceTuning {
    private NamespaceTuning() {
    }

    static void apply(String namespace, Map<String, String> sysctls, List<String> veths) {
        NetworkNamespace.call("lab namespace " + namespace, LabTeardown.netnsFile(namespace), () -> {
            for (Map.Entry<String, String> sysctl : sysctls.entrySet()) {
                write(namespace, sysctl.getKey(), sysctl.getValue());
            }
            DeviceIoctls.disableSegmentation("lab namespace " + namespace, veths);
            return null;
        });
    }

    private static void write(String namespace, String key, String value) {
        Path file = Path.of("/proc/sys", key.replace('.', '/'));
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new LabException("cannot set " + key + "=" + value + " in " + namespace + " (" + e.getMessage()
                    + "): the kernel lacks it; for net.bridge.* load br_netfilter ('modprobe br_netfilter')", e);
        } catch (UncheckedIOException e) {
            throw new LabException("cannot set " + key + " in " + namespace + ": " + e.getMessage(), e);
        }
    }

    /**
     * A pod or client, from a thread inside its namespace: lo up, eth0 with its MTU up and offloads off, its
     * address and default route, as rtnetlink requests (the lab's 4 forks per pod at scale were the largest part
     * of its bring-up).
     */
    static void configureEndpoint(String namespace, String cidr, String gateway, int mtu) {
        String who = "lab namespace " + namespace;
        String[] address = cidr.split("/");
        NetworkNamespace.call(who, LabTeardown.netnsFile(namespace), () -> {
            try (RtNetlink netlink = RtNetlink.open(who)) {
                netlink.up("lo", 0);
                netlink.addAddress("eth0", address[0], Integer.parseInt(address[1]));
                netlink.up("eth0", mtu);
                netlink.addDefaultRoute(gateway);
            }
            DeviceIoctls.disableSegmentation(who, List.of("eth0"));
            return null;
        });
    }

    /** Runs a command with input inside a namespace (spawned from a thread that joined it). */
    static ExecResult runInside(String namespace, List<String> argv, String stdin) {
        return NetworkNamespace.call("lab namespace " + namespace, LabTeardown.netnsFile(namespace),
                () -> Commands.run(argv, stdin, java.time.Duration.ofSeconds(30)));
    }
}
