package dev.faultlab.backend.netns;

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
 * only this node's endpoints (dropping when there are none, as kube-proxy does).
 */
final class KubeProxyRules {
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
    static String forNode(List<ServiceInfo> services, Map<String, String> endpointIp,
                          Function<String, String> endpointNode, String node, String clusterCidr) {
        StringBuilder chains = new StringBuilder("*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n"
                + ":OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:KUBE-SERVICES - [0:0]\n:KUBE-NODEPORTS - [0:0]\n"
                + ":KUBE-POSTROUTING - [0:0]\n:KUBE-MARK-MASQ - [0:0]\n:KUBE-MARK-DROP - [0:0]\n");
        StringBuilder rules = new StringBuilder()
                .append("-A PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES\n")
                .append("-A OUTPUT -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES\n")
                .append("-A POSTROUTING -m comment --comment \"kubernetes postrouting rules\" -j KUBE-POSTROUTING\n")
                .append("-A KUBE-MARK-MASQ -j MARK --set-xmark ").append(MASQ_MARK).append('\n')
                .append("-A KUBE-MARK-DROP -j MARK --set-xmark ").append(DROP_MARK).append('\n')
                .append("-A KUBE-POSTROUTING -m mark ! --mark ").append(MASQ_MARK).append(" -j RETURN\n")
                .append("-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0\n")
                .append("-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\""
                        + " -j MASQUERADE --random-fully\n");
        for (ServiceInfo svc : services) {
            String proto = svc.protocol().toLowerCase(Locale.ROOT);
            String portName = "default/" + svc.name() + ":" + svc.port() + "/" + proto;
            String svcChain = chain("KUBE-SVC-", portName);
            String comment = " -m comment --comment \"default/" + svc.name() + " cluster IP\"";
            chains.append(':').append(svcChain).append(" - [0:0]\n");
            rules.append("-A KUBE-SERVICES -d ").append(svc.clusterIp()).append("/32 -p ").append(proto)
                    .append(comment).append(" -m ").append(proto).append(" --dport ").append(svc.port())
                    .append(" -j ").append(svcChain).append('\n');
            rules.append("-A ").append(svcChain).append(" ! -s ").append(clusterCidr).append(" -d ")
                    .append(svc.clusterIp()).append("/32 -p ").append(proto).append(comment).append(" -m ")
                    .append(proto).append(" --dport ").append(svc.port()).append(" -j KUBE-MARK-MASQ\n");
            List<String> all = svc.endpoints();
            for (String ep : all) {
                String sep = chain("KUBE-SEP-", portName + ":" + endpointIp.get(ep));
                chains.append(':').append(sep).append(" - [0:0]\n");
                rules.append("-A ").append(sep).append(" -s ").append(endpointIp.get(ep))
                        .append("/32 -j KUBE-MARK-MASQ\n");
                rules.append("-A ").append(sep).append(" -p ").append(proto).append(" -m ").append(proto)
                        .append(" -j DNAT --to-destination ").append(endpointIp.get(ep)).append(':')
                        .append(svc.targetPort()).append('\n');
            }
            split(rules, svcChain, all, ep -> chain("KUBE-SEP-", portName + ":" + endpointIp.get(ep)));
            if (svc.nodePort() > 0) {
                String ext = chain("KUBE-EXT-", portName);
                chains.append(':').append(ext).append(" - [0:0]\n");
                rules.append("-A KUBE-NODEPORTS -p ").append(proto).append(" -m comment --comment \"default/")
                        .append(svc.name()).append("\" -m ").append(proto).append(" --dport ")
                        .append(svc.nodePort()).append(" -j ").append(ext).append('\n');
                if (svc.policy() == ExternalTrafficPolicy.CLUSTER) {
                    rules.append("-A ").append(ext).append(" -m comment --comment \"masquerade traffic for default/")
                            .append(svc.name()).append(" external destinations\" -j KUBE-MARK-MASQ\n");
                    rules.append("-A ").append(ext).append(" -j ").append(svcChain).append('\n');
                } else {
                    String svl = chain("KUBE-SVL-", portName);
                    chains.append(':').append(svl).append(" - [0:0]\n");
                    rules.append("-A ").append(ext).append(" -s ").append(clusterCidr)
                            .append(" -m comment --comment \"pod traffic for default/").append(svc.name())
                            .append(" external destinations\" -j ").append(svcChain).append('\n');
                    rules.append("-A ").append(ext).append(" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ\n");
                    rules.append("-A ").append(ext).append(" -m addrtype --src-type LOCAL -j ").append(svcChain)
                            .append('\n');
                    rules.append("-A ").append(ext).append(" -j ").append(svl).append('\n');
                    List<String> local = all.stream().filter(ep -> node.equals(endpointNode.apply(ep))).toList();
                    if (local.isEmpty()) {
                        rules.append("-A ").append(svl).append(" -m comment --comment \"default/").append(svc.name())
                                .append(" has no local endpoints\" -j KUBE-MARK-DROP\n");
                    } else {
                        split(rules, svl, local, ep -> chain("KUBE-SEP-", portName + ":" + endpointIp.get(ep)));
                    }
                }
            }
        }
        rules.append("-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports\" -m addrtype"
                + " --dst-type LOCAL -j KUBE-NODEPORTS\n");
        return chains.append(rules).append("COMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n"
                + ":OUTPUT ACCEPT [0:0]\n:KUBE-FIREWALL - [0:0]\n-A INPUT -j KUBE-FIREWALL\n-A FORWARD -j KUBE-FIREWALL\n"
                + "-A KUBE-FIREWALL -m comment --comment \"kubernetes firewall for dropping marked packets\" -m mark"
                + " --mark " + DROP_MARK + " -j DROP\nCOMMIT\n").toString();
    }

    /** kube-proxy's load split: endpoint i of n is taken with probability 1/(n-i), the last one always. */
    private static void split(StringBuilder rules, String from, List<String> endpoints,
                              Function<String, String> sepChain) {
        int n = endpoints.size();
        for (int i = 0; i < n; i++) {
            rules.append("-A ").append(from);
            if (i < n - 1) {
                rules.append(String.format(Locale.ROOT, " -m statistic --mode random --probability %.11f",
                        1.0 / (n - i)));
            }
            rules.append(" -j ").append(sepChain.apply(endpoints.get(i))).append('\n');
        }
        if (n == 0) {
            rules.append("-A ").append(from).append(" -j KUBE-MARK-DROP\n");
        }
    }

    /** kube-proxy's chain naming: prefix + first 16 chars of base32(sha256(name)). */
    static String chain(String prefix, String name) {
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
