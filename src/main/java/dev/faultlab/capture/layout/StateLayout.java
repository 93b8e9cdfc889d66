package dev.faultlab.capture.layout;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The host-state snapshot layout, defined once: the files (and the commands writing them) shared by the lab's
 * collector, the customer script {@code ci/collect-node-state.sh} (a unit test keeps the two equal) and the
 * reader on the detect side ({@code HostStateReader} finds every file through these constants). See README
 * "Host-state layout".
 *
 * <pre>
 * &lt;state-dir&gt;/snapshot.json           {@link SnapshotInfo}: when, which lab, which label
 * &lt;state-dir&gt;/&lt;host&gt;/host.json         {@link HostDescription}: name, role, node, underlay IP, pod CIDR, addresses
 * &lt;state-dir&gt;/&lt;host&gt;/agent.json        routing/flannel agent state (lab nodes)
 * &lt;state-dir&gt;/&lt;host&gt;/kube-nodes.txt    every Node's pod CIDR, IPs and flannel annotations (script, where kubectl works)
 * &lt;state-dir&gt;/&lt;host&gt;/&lt;command file&gt;    one per {@link #COMMAND_FILES} entry for the host's role
 * </pre>
 * Every file is optional for readers: a tool may be missing on a customer's node.
 */
public final class StateLayout {
    public static final String SNAPSHOT_JSON = "snapshot.json";
    public static final String HOST_JSON = "host.json";
    public static final String AGENT_JSON = "agent.json";

    /**
     * Sysctls the detectors read: the per-namespace TCP/backlog/PMTU ones the incidents depend on, forwarding and
     * bridge netfilter, plus the global conntrack/backlog limits. Keys a kernel lacks are skipped
     * ({@code tcp_tw_recycle} exists only before 4.12, which is why it is worth asking for on customers' nodes).
     */
    public static final List<String> SYSCTL_KEYS = List.of(
            "net.core.somaxconn",
            "net.core.netdev_max_backlog",
            "net.ipv4.ip_forward",
            "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_no_pmtu_disc",
            "net.ipv4.conf.all.rp_filter",
            "net.ipv4.tcp_max_syn_backlog",
            "net.ipv4.tcp_syncookies",
            "net.ipv4.tcp_abort_on_overflow",
            "net.ipv4.tcp_syn_retries",
            "net.ipv4.tcp_synack_retries",
            "net.ipv4.tcp_syn_linear_timeouts",
            "net.ipv4.tcp_timestamps",
            "net.ipv4.tcp_tw_reuse",
            "net.ipv4.tcp_tw_recycle",
            "net.ipv4.tcp_rfc1337",
            "net.ipv4.tcp_mtu_probing",
            "net.bridge.bridge-nf-call-iptables",
            "net.netfilter.nf_conntrack_max",
            "net.netfilter.nf_conntrack_tcp_timeout_time_wait");

    private static final EnumSet<HostRole> ROUTERS = EnumSet.of(HostRole.NODE, HostRole.CLIENT);

    public static final StateFile IP_ADDR = StateFile.everywhere("ip-addr.json",
            List.of("ip", "-j", "addr", "show"), "addresses and link MTUs");
    public static final StateFile IP_ROUTE = StateFile.everywhere("ip-route.json",
            List.of("ip", "-j", "route", "show", "table", "all"), "all routing tables, protocols kept (kube-router uses 17)");
    public static final StateFile IP_NEIGH = StateFile.everywhere("ip-neigh.json",
            List.of("ip", "-j", "neigh", "show"), "neighbor entries, e.g. flannel.1's PERMANENT peer MACs");
    public static final StateFile BRIDGE_FDB = StateFile.on(EnumSet.of(HostRole.NODE), "bridge-fdb.json",
            List.of("bridge", "-j", "fdb", "show"), "forwarding database incl. VXLAN peer entries");
    /**
     * iproute2 6.1 prints {@code stats64.rx.otherhost} (frames dropped as PACKET_OTHERHOST, e.g. a stale VXLAN
     * inner MAC) only when it is non-zero: a missing key means 0. The kernel exposes it only over netlink
     * (IFLA_STATS64 rx_otherhost_dropped), not in /sys/class/net/DEV/statistics.
     */
    public static final StateFile IP_LINK = StateFile.everywhere("ip-link.json",
            List.of("ip", "-j", "-s", "-s", "-d", "link", "show"), "links with stats64 incl. rx otherhost drops");
    public static final StateFile SS_TANOI = StateFile.everywhere("ss-tanoi.txt",
            List.of("ss", "-tanoi"), "TCP sockets with timers and internals (SYN_RECV, TIME_WAIT)");
    public static final StateFile SS_LTN = StateFile.everywhere("ss-ltn.txt",
            List.of("ss", "-ltn"), "listeners: Recv-Q = accept queue, Send-Q = backlog");
    public static final StateFile NSTAT = StateFile.everywhere("nstat.txt",
            List.of("nstat", "-asz"), "absolute SNMP/netstat counters incl. zeros, history untouched");
    public static final StateFile CONNTRACK = StateFile.on(ROUTERS, "conntrack.txt",
            List.of("conntrack", "-L", "-o", "extended"), "connection tracking table");
    public static final StateFile SYSCTL = StateFile.everywhere("sysctl.txt",
            Stream.concat(Stream.of("sysctl", "-e"), SYSCTL_KEYS.stream()).toList(), "'key = value' lines");
    public static final StateFile IPTABLES_NAT = StateFile.on(ROUTERS, "iptables-nat.txt",
            List.of("iptables-save", "-t", "nat"), "NAT rules (SNAT/DNAT for services)");

    /** Every command-backed file the lab collects, in the order the customer script lists them. */
    public static final List<StateFile> COMMAND_FILES = List.of(IP_ADDR, IP_ROUTE, IP_NEIGH, BRIDGE_FDB, IP_LINK,
            SS_TANOI, SS_LTN, NSTAT, CONNTRACK, SYSCTL, IPTABLES_NAT);

    /**
     * One tab-separated line per Node: name, spec.podCIDR, InternalIP, flannel's public-ip annotation and its
     * backend-data annotation (JSON holding VtepMAC), then the dual-stack and IPv6 columns: spec.podCIDRs, and
     * flannel's public-ipv6 and backend-v6-data (the VTEP of its IPv6 VXLAN device, flannel-v6.1, has its own
     * MAC). A missing value prints as an empty column; a list (podCIDRs, a dual-stack InternalIP) prints its
     * values separated by spaces. The IPv6 columns come last, so files written before them still read.
     */
    public static final String KUBE_NODES_JSONPATH = "jsonpath={range .items[*]}{.metadata.name}{\"\\t\"}"
            + "{.spec.podCIDR}{\"\\t\"}{.status.addresses[?(@.type==\"InternalIP\")].address}{\"\\t\"}"
            + "{.metadata.annotations.flannel\\.alpha\\.coreos\\.com/public-ip}{\"\\t\"}"
            + "{.metadata.annotations.flannel\\.alpha\\.coreos\\.com/backend-data}{\"\\t\"}"
            + "{.spec.podCIDRs[*]}{\"\\t\"}"
            + "{.metadata.annotations.flannel\\.alpha\\.coreos\\.com/public-ipv6}{\"\\t\"}"
            + "{.metadata.annotations.flannel\\.alpha\\.coreos\\.com/backend-v6-data}{\"\\n\"}{end}";
    /**
     * The cluster's Node objects as the node's kubectl sees them: the source of the node's own pod CIDR and of
     * every peer's VTEP MAC, which a lab knows from its layout and agents instead. Collected only by the customer
     * script (the lab has no API server), and only where kubectl is installed and answers.
     */
    public static final StateFile KUBE_NODES = StateFile.on(EnumSet.of(HostRole.NODE), "kube-nodes.txt",
            List.of("kubectl", "get", "nodes", "--request-timeout=10s", "-o", KUBE_NODES_JSONPATH),
            "Node objects: name, pod CIDR(s), InternalIP, flannel public-ip(v6) and backend-(v6-)data (VtepMAC)");

    /** What {@code ci/collect-node-state.sh} collects on each host, in its order: the Node objects first. */
    public static final List<StateFile> SCRIPT_FILES = Stream.concat(Stream.of(KUBE_NODES), COMMAND_FILES.stream())
            .toList();

    /** Every file a host directory may hold; a directory holding any of them is a host's. */
    public static final List<String> HOST_FILES = Stream.concat(Stream.of(HOST_JSON, AGENT_JSON),
            SCRIPT_FILES.stream().map(StateFile::name)).toList();

    private StateLayout() {
    }

    /** The file of the customer script's catalogue named {@code name}. */
    public static Optional<StateFile> scriptFile(String name) {
        return SCRIPT_FILES.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The command files collected on a host of {@code role}. */
    public static List<StateFile> commandFilesFor(HostRole role) {
        return COMMAND_FILES.stream().filter(f -> f.collectedOn(role)).toList();
    }
}
