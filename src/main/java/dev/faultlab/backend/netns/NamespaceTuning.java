package dev.faultlab.backend.netns;

import dev.faultlab.datapath.Commands;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.LabException;
import dev.faultlab.linux.NetworkNamespace;

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
 * namespace: sysctls are plain writes to /proc/sys (no fork), and the ethtool processes are spawned from that
 * thread so they start inside the namespace without an {@code ip netns exec} each. TSO/GSO/GRO are off because
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
            disableOffloads(namespace, veths);
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

    private static void disableOffloads(String namespace, List<String> veths) throws IOException, InterruptedException {
        List<Process> running = new ArrayList<>();
        for (String veth : veths) {
            running.add(new ProcessBuilder("ethtool", "-K", veth, "tso", "off", "gso", "off", "gro", "off")
                    .redirectErrorStream(true).start());
        }
        for (int i = 0; i < running.size(); i++) {
            Process p = running.get(i);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                String out = new String(p.getInputStream().readAllBytes()).strip();
                throw new LabException("ethtool -K " + veths.get(i) + " failed in " + namespace + ": " + out);
            }
        }
    }

    /** Runs a command with input inside a namespace (spawned from a thread that joined it). */
    static ExecResult runInside(String namespace, List<String> argv, String stdin) {
        return NetworkNamespace.call("lab namespace " + namespace, LabTeardown.netnsFile(namespace),
                () -> Commands.run(argv, stdin, java.time.Duration.ofSeconds(30)));
    }
}
