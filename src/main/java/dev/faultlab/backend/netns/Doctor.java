package dev.faultlab.backend.netns;

import dev.faultlab.backend.HostCheck;
import dev.faultlab.datapath.Commands;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.linux.NetworkNamespace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that this host can run netns labs: root, the kernel features the datapaths use (tried for real by
 * creating each kind of link in a throwaway namespace), and every tool with the Debian package providing it.
 */
final class Doctor {
    /** What host-state snapshots and workloads run inside lab hosts (not needed to build a lab). */
    static final List<Tool> SNAPSHOT_TOOLS = List.of(new Tool("iptables-save", "iptables"), new Tool("nstat", "iproute2"),
            new Tool("ss", "iproute2"), new Tool("socat", "socat"), new Tool("hping3", "hping3"),
            new Tool("tcpdump", "tcpdump"));

    private Doctor() {
    }

    static List<HostCheck> run() {
        List<HostCheck> checks = new ArrayList<>();
        boolean root = Preflight.root();
        checks.add(new HostCheck("root", root, true, root ? "running as root"
                : "not root: run as root (sudo ./faultlab doctor) to create network namespaces"));
        Set<Tool> tools = new LinkedHashSet<>(Preflight.BASE_TOOLS);
        Preflight.drivers().forEach(d -> tools.addAll(d.requiredTools()));
        tools.addAll(SNAPSHOT_TOOLS);
        for (Tool tool : tools) {
            boolean ok = tool.installed();
            checks.add(new HostCheck("tool " + tool.command(), ok, true,
                    ok ? "installed (" + tool.debianPackage() + ")" : tool.missingMessage()));
        }
        if (root && new Tool("ip", "iproute2").installed()) {
            checks.addAll(kernelFeatures());
        } else {
            checks.add(new HostCheck("kernel features", false, true, "not checked: needs root and iproute2"));
        }
        return checks;
    }

    private static List<HostCheck> kernelFeatures() {
        String ns = "fldoctor" + Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36).substring(0, 6);
        List<HostCheck> checks = new ArrayList<>();
        ExecResult created = Commands.run(List.of("ip", "netns", "add", ns));
        if (!created.ok()) {
            checks.add(new HostCheck("network namespaces", false, true, "cannot create a network namespace ("
                    + created.stderr().strip() + "): the kernel needs CONFIG_NET_NS"));
            return checks;
        }
        try {
            checks.add(link(ns, "veth", true, "veth", "peer", "name", "fldv1"));
            checks.add(link(ns, "bridge", true, "bridge"));
            checks.add(link(ns, "vxlan", true, "vxlan", "id", "42", "dstport", "4789"));
            HostCheck ipip = link(ns, "ipip", false, "ipip");
            checks.add(new HostCheck("kernel ipip", ipip.ok(), false, ipip.ok() ? "available: tunl0 is a real ipip device"
                    : "absent: the ipip datapath uses a VXLAN stand-in named tunl0 (same MTU 1440 behaviour)"));
            boolean brNetfilter = NetworkNamespace.call("doctor in " + ns, LabTeardown.netnsFile(ns),
                    () -> Files.exists(Path.of("/proc/sys/net/bridge/bridge-nf-call-iptables")));
            checks.add(new HostCheck("kernel br_netfilter", brNetfilter, true, brNetfilter
                    ? "bridge-nf-call-iptables per namespace"
                    : "net.bridge.bridge-nf-call-iptables missing: run 'modprobe br_netfilter'"));
            ExecResult nat = Commands.run(List.of("ip", "netns", "exec", ns, "iptables", "-t", "nat", "-S"));
            checks.add(new HostCheck("kernel netfilter nat", nat.ok(), true, nat.ok() ? "iptables nat table works"
                    : "iptables nat table unusable (" + nat.stderr().strip() + "): load nf_nat / nft_chain_nat"));
        } finally {
            Commands.run(List.of("ip", "netns", "del", ns));
        }
        return checks;
    }

    private static HostCheck link(String ns, String kind, boolean required, String... typeAndArgs) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", ns, "link", "add", "fld" + kind, "type"));
        argv.addAll(List.of(typeAndArgs));
        ExecResult result = Commands.run(argv);
        return new HostCheck("kernel " + kind, result.ok(), required, result.ok() ? kind + " links can be created"
                : kind + " links cannot be created (" + result.stderr().strip() + "): the kernel needs the "
                + kind + " module");
    }
}
