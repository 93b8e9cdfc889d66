package dev.faultlab.datapath;

import dev.faultlab.topology.ExternalTrafficPolicy;
import dev.faultlab.topology.ServiceInfo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The nat and filter tables kube-proxy (iptables mode) writes on a node, as one {@code iptables-restore} input:
 * same chain names (KUBE-SERVICES, KUBE-SVC-*, KUBE-EXT-*, KUBE-SVL-*, KUBE-SEP-*, KUBE-NODEPORTS, KUBE-MARK-MASQ,
 * KUBE-POSTROUTING), same random-probability split across endpoints, same 0x4000 masquerade mark, so captures
 * and {@code iptables-save} output look like a real node's. Local policy keeps the client's address and uses
 * only this node's endpoints (dropping when there are none, as kube-proxy does). Public because the docker
 * backend programs its node containers with the same rules.
 */
public final class KubeProxyRules {
    private static final String MASQ_MARK = "0x4000/0x4000";
    private static final String DROP_MARK = "0x8000/0x8000";

    private KubeProxyRules() {
    }

    /**
     * @param services     the lab's services
     * @param endpointIp   pod name -> pod IP
     * @param endpointNode pod name -> node name
     * @param node         the node these rules are for
     * @param clusterCidr  pod CIDR of the whole cluster (traffic from outside it is masqueraded to ClusterIPs)
     */
    public static String forNode(List<ServiceInfo> services, Map<String, String> endpointIp,
                          Function<String, String> endpointNode, String node, String clusterCidr) {
        Tables t = new Tables();
        t.chains.append("*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                + ":POSTROUTING ACCEPT [0:0]\n");
        t.declare("KUBE-SERVICES", "KUBE-NODEPORTS", "KUBE-POSTROUTING", "KUBE-MARK-MASQ", "KUBE-MARK-DROP");
        t.rule("-A PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES");
        t.rule("-A OUTPUT -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES");
        t.rule("-A POSTROUTING -m comment --comment \"kubernetes postrouting rules\" -j KUBE-POSTROUTING");
        t.rule("-A KUBE-MARK-MASQ -j MARK --set-xmark " + MASQ_MARK);
        t.rule("-A KUBE-MARK-DROP -j MARK --set-xmark " + DROP_MARK);
        t.rule("-A KUBE-POSTROUTING -m mark ! --mark " + MASQ_MARK + " -j RETURN");
        t.rule("-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0");
        t.rule("-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\""
                + " -j MASQUERADE --random-fully");
        for (ServiceInfo svc : services) {
            ServiceChains chains = new ServiceChains(svc, endpointIp);
            clusterIp(t, chains, clusterCidr);
            if (svc.nodePort() > 0) {
                nodePort(t, chains, svc.endpoints().stream()
                        .filter(ep -> node.equals(endpointNode.apply(ep))).toList(), clusterCidr);
            }
        }
        t.rule("-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports\" -m addrtype"
                + " --dst-type LOCAL -j KUBE-NODEPORTS");
        return t.chains.append(t.rules).append("COMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n"
                + ":OUTPUT ACCEPT [0:0]\n:KUBE-FIREWALL - [0:0]\n-A INPUT -j KUBE-FIREWALL\n-A FORWARD -j KUBE-FIREWALL\n"
                + "-A KUBE-FIREWALL -m comment --comment \"kubernetes firewall for dropping marked packets\" -m mark"
                + " --mark " + DROP_MARK + " -j DROP\nCOMMIT\n").toString();
    }

    /** The ClusterIP path: KUBE-SERVICES -> KUBE-SVC (masquerade if not from a pod) -> KUBE-SEP (DNAT). */
    private static void clusterIp(Tables t, ServiceChains c, String clusterCidr) {
        ServiceInfo svc = c.svc;
        String match = " -d " + svc.clusterIp() + "/32 -p " + c.proto + " -m comment --comment \"default/"
                + svc.name() + " cluster IP\" -m " + c.proto + " --dport " + svc.port();
        t.declare(c.svcChain);
        t.rule("-A KUBE-SERVICES" + match + " -j " + c.svcChain);
        t.rule("-A " + c.svcChain + " ! -s " + clusterCidr + match + " -j KUBE-MARK-MASQ");
        for (String ep : svc.endpoints()) {
            String sep = c.sep(ep);
            String ip = c.endpointIp.get(ep);
            t.declare(sep);
            t.rule("-A " + sep + " -s " + ip + "/32 -j KUBE-MARK-MASQ");
            t.rule("-A " + sep + " -p " + c.proto + " -m " + c.proto + " -j DNAT --to-destination " + ip + ":"
                    + svc.targetPort());
        }
        split(t, c.svcChain, svc.endpoints(), c::sep);
    }

    /** The NodePort path: KUBE-NODEPORTS -> KUBE-EXT, then masquerade + any endpoint, or local endpoints only. */
    private static void nodePort(Tables t, ServiceChains c, List<String> localEndpoints, String clusterCidr) {
        ServiceInfo svc = c.svc;
        String ext = chain("KUBE-EXT-", c.portName);
        t.declare(ext);
        t.rule("-A KUBE-NODEPORTS -p " + c.proto + " -m comment --comment \"default/" + svc.name() + "\" -m "
                + c.proto + " --dport " + svc.nodePort() + " -j " + ext);
        if (svc.policy() == ExternalTrafficPolicy.CLUSTER) {
            t.rule("-A " + ext + " -m comment --comment \"masquerade traffic for default/" + svc.name()
                    + " external destinations\" -j KUBE-MARK-MASQ");
            t.rule("-A " + ext + " -j " + c.svcChain);
            return;
        }
        String svl = chain("KUBE-SVL-", c.portName);
        t.declare(svl);
        t.rule("-A " + ext + " -s " + clusterCidr + " -m comment --comment \"pod traffic for default/" + svc.name()
                + " external destinations\" -j " + c.svcChain);
        t.rule("-A " + ext + " -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ");
        t.rule("-A " + ext + " -m addrtype --src-type LOCAL -j " + c.svcChain);
        t.rule("-A " + ext + " -j " + svl);
        if (localEndpoints.isEmpty()) {
            t.rule("-A " + svl + " -m comment --comment \"default/" + svc.name() + " has no local endpoints\""
                    + " -j KUBE-MARK-DROP");
        } else {
            split(t, svl, localEndpoints, c::sep);
        }
    }

    /** kube-proxy's load split: endpoint i of n is taken with probability 1/(n-i), the last one always. */
    private static void split(Tables t, String from, List<String> endpoints, Function<String, String> sepChain) {
        int n = endpoints.size();
        for (int i = 0; i < n; i++) {
            String random = i < n - 1
                    ? String.format(Locale.ROOT, " -m statistic --mode random --probability %.11f", 1.0 / (n - i))
                    : "";
            t.rule("-A " + from + random + " -j " + sepChain.apply(endpoints.get(i)));
        }
        if (n == 0) {
            t.rule("-A " + from + " -j KUBE-MARK-DROP");
        }
    }

    /** The chain names of one service port, named as kube-proxy names them. */
    private static final class ServiceChains {
        final ServiceInfo svc;
        final String proto;
        final String portName;
        final String svcChain;
        final Map<String, String> endpointIp;

        ServiceChains(ServiceInfo svc, Map<String, String> endpointIp) {
            this.svc = svc;
            this.proto = svc.protocol().toLowerCase(Locale.ROOT);
            this.portName = "default/" + svc.name() + ":" + svc.port() + "/" + proto;
            this.svcChain = chain("KUBE-SVC-", portName);
            this.endpointIp = endpointIp;
        }

        String sep(String endpoint) {
            return chain("KUBE-SEP-", portName + ":" + endpointIp.get(endpoint));
        }
    }

    /** The iptables-restore text being built: chain declarations first, then rules. */
    private static final class Tables {
        final StringBuilder chains = new StringBuilder();
        final StringBuilder rules = new StringBuilder();

        void declare(String... names) {
            for (String name : names) {
                chains.append(':').append(name).append(" - [0:0]\n");
            }
        }

        void rule(String rule) {
            rules.append(rule).append('\n');
        }
    }

    /** kube-proxy's chain naming: prefix + first 16 chars of base32(sha256(name)). */
    public static String chain(String prefix, String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return prefix + base32(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base32(byte[] bytes) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        return out.toString();
    }
}
