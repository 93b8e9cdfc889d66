package dev.faultlab.reproduce;

import dev.faultlab.detect.Finding;

import dev.faultlab.detect.state.HostSnapshot;
import dev.faultlab.detect.state.TcpSocket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code timewait-syn-rejected}: the server's port (its TIME-WAIT sockets), the NodePort and externalTrafficPolicy in
 * front of it (kube-proxy's rules), and the server's timestamp and TIME_WAIT sysctls. Which of the two
 * built-in scenarios (node SNAT or a NAT gateway) reproduces it follows from the finding's {@code source}.
 */
public final class TimewaitParameters implements CauseParameters {
    private static final List<String> SERVER_SYSCTLS = List.of("net.ipv4.tcp_timestamps", "net.ipv4.tcp_tw_reuse");

    @Override
    public String cause() {
        return "timewait-syn-rejected";
    }

    @Override
    public List<FilledValue> fill(Finding rootCause, CustomerEvidence evidence, ScenarioTemplate template) {
        List<FilledValue> values = new ArrayList<>();
        String server = rootCause.attributes().get("server");
        String labServer = template.get("workload.servers[0].host");
        // the server's own TIME-WAIT sockets name its port even when the finding saw it through a NodePort
        Optional<TimeWaitPort> timeWait = timeWaitPort(evidence);
        int port = timeWait.map(TimeWaitPort::port).orElse(CustomerFacts.portOf(server));
        if (port > 0) {
            String source = timeWait.map(TimeWaitPort::source).orElse(CustomerFacts.attribute(rootCause, "server")
                    + " (the port holding TIME_WAIT)");
            values.addAll(CustomerFacts.serverPort(template, port, source));
            // kube-proxy's rules name the NodePort in front of that port and its externalTrafficPolicy
            KubeProxyNat.nodePortFor(evidence, port).ifPresent(n -> {
                values.addAll(CustomerFacts.nodePort(template, n.nodePort(), n.source()));
                if (template.get("cluster.services[0].policy") != null) {
                    values.add(FilledValue.of("cluster.services[0].policy", n.policy(), n.source()));
                }
            });
            String serverHost = timeWait.map(TimeWaitPort::host).orElse(null);
            if (serverHost != null) {
                values.addAll(CustomerFacts.sysctls(evidence, serverHost, labServer, template.count("sysctls"),
                        SERVER_SYSCTLS));
            }
        }
        String source = rootCause.attributes().get("source");
        if (source != null) {
            values.add(FilledValue.of("expect.attributes.source", source, CustomerFacts.attribute(rootCause, "source")));
        }
        return values;
    }

    /** A server port holding TIME_WAIT sockets, the host (the server that closed first), and the line showing it. */
    private record TimeWaitPort(int port, String host, String source) {
    }

    /** The local port most TIME-WAIT sockets of one host share. */
    private static Optional<TimeWaitPort> timeWaitPort(CustomerEvidence evidence) {
        Map<String, Long> counts = new TreeMap<>();
        Map<String, TimeWaitPort> example = new TreeMap<>();
        for (HostSnapshot host : evidence.hosts()) {
            for (TcpSocket socket : host.sockets()) {
                int colon = socket.local().lastIndexOf(':');
                if (socket.state().startsWith("TIME") && colon > 0 && socket.local().substring(colon + 1)
                        .matches("\\d{1,5}")) {
                    String port = socket.local().substring(colon + 1);
                    String key = host.name() + " " + port;
                    counts.merge(key, 1L, Long::sum);
                    example.putIfAbsent(key, new TimeWaitPort(Integer.parseInt(port), host.name(), host.name()
                            + "/ss-tanoi.txt: " + socket.line().strip() + " (the server's port holding TIME_WAIT)"));
                }
            }
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(e -> example.get(e.getKey()));
    }
}
