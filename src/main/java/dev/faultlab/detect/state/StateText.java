package dev.faultlab.detect.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the text files of a snapshot: ss, nstat, sysctl, conntrack and kubectl output. */
final class StateText {
    /** flannel's backend-data annotation, e.g. {@code {"VNI":1,"VtepMAC":"0e:11:..."}}. */
    private static final Pattern VTEP_MAC =
            Pattern.compile("\"VtepMAC\"\\s*:\\s*\"([0-9A-Fa-f:]{17})\"");

    private StateText() {
    }

    /** {@code ss -ltn}: {@code LISTEN Recv-Q Send-Q Local:Port Peer:Port}. */
    static List<Listener> listeners(List<String> lines) {
        List<Listener> listeners = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 5 || !f[0].equals("LISTEN")) {
                continue;
            }
            int colon = f[3].lastIndexOf(':');
            try {
                listeners.add(new Listener(f[3].substring(0, colon), Integer.parseInt(f[3].substring(colon + 1)),
                        Long.parseLong(f[1]), Long.parseLong(f[2]), line.trim()));
            } catch (RuntimeException notASocketLine) {
                // a header or a wrapped line: nothing to read
            }
        }
        return listeners;
    }

    /** {@code ss -tanoi}: socket lines (detail lines are indented and skipped). */
    static List<TcpSocket> sockets(List<String> lines) {
        List<TcpSocket> sockets = new ArrayList<>();
        for (String line : lines) {
            if (line.isEmpty() || Character.isWhitespace(line.charAt(0)) || line.startsWith("State")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && f[1].chars().allMatch(Character::isDigit) && f[2].chars().allMatch(Character::isDigit)) {
                sockets.add(new TcpSocket(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), f[3], f[4], line.trim()));
            }
        }
        return sockets;
    }

    /** {@code nstat -asz}: {@code Name value rate}; the {@code #kernel} header is skipped. */
    static Map<String, Long> counters(List<String> lines) {
        Map<String, Long> counters = new HashMap<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && !f[0].startsWith("#")) {
                try {
                    counters.put(f[0], Long.parseLong(f[1]));
                } catch (NumberFormatException notACounter) {
                    // not a counter line
                }
            }
        }
        return counters;
    }

    /** {@code key = value} lines as {@code sysctl} prints them. */
    static Map<String, String> sysctls(List<String> lines) {
        Map<String, String> values = new HashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return values;
    }

    /** {@code conntrack -L [-o extended]}: the protocol, TCP state, timeout and the original tuple. */
    static List<ConntrackEntry> conntrack(List<String> lines) {
        List<ConntrackEntry> entries = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            int at = f.length > 0 && (f[0].equals("ipv4") || f[0].equals("ipv6")) ? 2 : 0;
            if (f.length < at + 4) {
                continue;
            }
            Map<String, String> tuple = new HashMap<>();
            String state = null;
            for (int i = at + 3; i < f.length; i++) {
                int eq = f[i].indexOf('=');
                if (eq > 0) {
                    tuple.putIfAbsent(f[i].substring(0, eq), f[i].substring(eq + 1));
                } else if (i == at + 3 && !f[i].startsWith("[")) {
                    state = f[i];
                }
            }
            try {
                entries.add(new ConntrackEntry(f[at], state, Long.parseLong(f[at + 2]), tuple.get("src"),
                        tuple.get("dst"), port(tuple.get("sport")), port(tuple.get("dport")), line.trim()));
            } catch (NumberFormatException notAnEntry) {
                // a summary line such as "conntrack v1.4.7: 12 flow entries have been shown."
            }
        }
        return entries;
    }

    private static int port(String value) {
        return value == null ? -1 : Integer.parseInt(value);
    }

    /**
     * {@code kube-nodes.txt} ({@link dev.faultlab.capture.layout.StateLayout#KUBE_NODES_JSONPATH}): one lease per
     * Node and address family flannel announces. The IPv4 lease is the {@code VtepMAC} of the backend-data JSON
     * with the public-ip (else the IPv4 InternalIP) as underlay and spec.podCIDR; when the Node announces an IPv6
     * VTEP (backend-v6-data, flannel-v6.1's own MAC), a second lease holds it with the public-ipv6 (else the IPv6
     * InternalIP) and the IPv6 entry of spec.podCIDRs. Files from before the IPv6 columns give the first alone.
     */
    static List<Lease> kubeNodes(List<String> lines) {
        List<Lease> leases = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            if (f.length < 2 || f[0].isBlank()) {
                continue;
            }
            String name = f[0].strip();
            String internal = column(f, 2);
            String publicIp = column(f, 3);
            leases.add(new Lease(name, column(f, 1), vtepMac(column(f, 4)),
                    publicIp != null ? publicIp : firstOfFamily(internal, false)));
            String v6Mac = vtepMac(column(f, 7));
            if (v6Mac != null) {
                String publicIpv6 = column(f, 6);
                leases.add(new Lease(name, firstOfFamily(column(f, 5), true), v6Mac,
                        publicIpv6 != null ? publicIpv6 : firstOfFamily(internal, true)));
            }
        }
        return leases;
    }

    /** The first of a space-separated list (podCIDRs, a dual-stack InternalIP) in that family; null when none. */
    private static String firstOfFamily(String values, boolean ipv6) {
        if (values == null) {
            return null;
        }
        for (String value : values.split(" ")) {
            if (!value.isEmpty() && value.contains(":") == ipv6) {
                return value;
            }
        }
        return null;
    }

    private static String vtepMac(String backendData) {
        if (backendData == null) {
            return null;
        }
        Matcher m = VTEP_MAC.matcher(backendData);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** A column's value; null when absent or empty (kubectl prints nothing for a missing field). */
    private static String column(String[] fields, int index) {
        if (index >= fields.length) {
            return null;
        }
        String value = fields[index].strip();
        return value.isEmpty() ? null : value;
    }
}
