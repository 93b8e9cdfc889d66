package dev.faultlab.reproduce;

import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;
import dev.faultlab.detect.state.HostSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading one fact out of a finding or the customer's state, with the words that say where it came from. */
final class CustomerFacts {
    private CustomerFacts() {
    }

    /** Where a finding's attribute came from: the first capture it quotes, else its first host/file. */
    static String attribute(Finding finding, String key) {
        String from = finding.evidence().stream().filter(e -> e.frame() >= 0).findFirst()
                .or(() -> finding.evidence().stream().findFirst()).map(Evidence::source)
                .orElse("the customer's evidence");
        return from + ": " + finding.cause() + " finding, " + key + "=" + finding.attributes().get(key);
    }

    /** The host whose state the finding quotes for {@code file} (e.g. {@code ss-ltn.txt}), if any. */
    /**
     * The fault's node and the expected {@code node} attribute, both from the finding's {@code node}, played by the
     * template's node when the customer's name is not a lab node's; empty when the finding names no node.
     */
    static List<FilledValue> faultNode(Finding finding, ScenarioTemplate template, String meaning) {
        String node = finding.attributes().get("node");
        if (node == null) {
            return List.of();
        }
        String lab = LabHosts.node(template, node, template.get("fault.params.node"));
        String source = attribute(finding, "node") + " (" + meaning + ")";
        return List.of(FilledValue.playing("fault.params.node", lab, node, source),
                FilledValue.playing("expect.attributes.node", lab, node, source));
    }

    static Optional<String> hostQuoting(Finding finding, String file) {
        return finding.evidence().stream().map(Evidence::source).filter(s -> s.endsWith("/" + file))
                .map(s -> s.substring(0, s.length() - file.length() - 1)).findFirst();
    }

    /**
     * The customer's values of {@code keys} on {@code host}, written as the scenario's {@code sysctls} for lab host
     * {@code labHost}, appended after {@code existing} entries. Keys the state lacks are left out.
     */
    static List<FilledValue> sysctls(CustomerEvidence evidence, String host, String labHost, int existing,
                                     List<String> keys) {
        List<FilledValue> values = new ArrayList<>();
        Optional<HostSnapshot> snapshot = evidence.hosts().stream().filter(h -> h.name().equals(host)).findFirst();
        if (snapshot.isEmpty()) {
            return values;
        }
        int index = existing;
        for (String key : keys) {
            Optional<String> value = snapshot.get().sysctl(key);
            if (value.isPresent()) {
                String source = host + "/sysctl.txt: " + key + " = " + value.get();
                String at = "sysctls[" + index++ + "]";
                values.add(FilledValue.playing(at + ".host", labHost, host, source));
                values.add(FilledValue.of(at + ".key", key, source));
                values.add(FilledValue.of(at + ".value", value.get(), source));
            }
        }
        return values;
    }

    /**
     * Moves the template's server port (its first server's) to {@code port} everywhere it appears: the servers
     * listening on it, client targets {@code host:PORT}, Service target ports, the fault's {@code port} and
     * {@code port N} in capture filters. Node ports and other ports stay. A port equal to the template's is written
     * too, so its source is recorded.
     */
    static List<FilledValue> serverPort(ScenarioTemplate template, int port, String source) {
        List<FilledValue> values = new ArrayList<>();
        String old = template.get("workload.servers[0].args.port");
        if (old == null) {
            return values;
        }
        for (int i = 0; i < template.count("workload.servers"); i++) {
            values.addAll(ifEqual(template, "workload.servers[" + i + "].args.port", old, port, source));
        }
        for (int c = 0; c < template.count("workload.clients"); c++) {
            for (int t = 0; t < template.count("workload.clients[" + c + "].to"); t++) {
                String at = "workload.clients[" + c + "].to[" + t + "]";
                String target = template.get(at);
                if (target != null && target.endsWith(":" + old)) {
                    values.add(FilledValue.of(at, target.substring(0, target.length() - old.length()) + port, source));
                }
            }
        }
        for (int i = 0; i < template.count("cluster.services"); i++) {
            values.addAll(ifEqual(template, "cluster.services[" + i + "].targetPort", old, port, source));
        }
        values.addAll(ifEqual(template, "fault.params.port", old, port, source));
        values.addAll(captureFilterPorts(template, old, port, source));
        return values;
    }

    /**
     * Moves the template's NodePort (its first Service's) to {@code port}: the Service and {@code port N} in capture
     * filters. Nothing when the template has no NodePort (a ClusterIP or pod-to-pod scenario).
     */
    static List<FilledValue> nodePort(ScenarioTemplate template, int port, String source) {
        List<FilledValue> values = new ArrayList<>();
        String old = template.get("cluster.services[0].nodePort");
        if (old == null || old.equals("0")) {
            return values;
        }
        values.add(FilledValue.of("cluster.services[0].nodePort", port, source));
        values.addAll(captureFilterPorts(template, old, port, source));
        return values;
    }

    /** {@code port OLD} moved to {@code port PORT} in every capture filter of the template that names it. */
    private static List<FilledValue> captureFilterPorts(ScenarioTemplate template, String old, int port,
                                                        String source) {
        List<FilledValue> values = new ArrayList<>();
        for (int i = 0; i < template.count("captures"); i++) {
            String at = "captures[" + i + "].filter";
            String filter = template.get(at);
            if (filter != null && filter.matches(".*\\bport " + old + "\\b.*")) {
                values.add(FilledValue.of(at, filter.replaceAll("\\bport " + old + "\\b", "port " + port), source));
            }
        }
        return values;
    }

    private static List<FilledValue> ifEqual(ScenarioTemplate template, String path, String old, int port,
                                             String source) {
        return old.equals(template.get(path)) ? List.of(FilledValue.of(path, port, source)) : List.of();
    }

    /**
     * The port on one side of the first flow the finding quotes ({@code client > server}, as evidence names
     * flows), or -1.
     */
    static int flowPort(Finding finding, boolean serverSide) {
        return finding.evidence().stream().filter(e -> e.frame() >= 0 && e.flow() != null && e.flow().contains(" > "))
                .map(e -> e.flow().split(" > ", 2)[serverSide ? 1 : 0]).mapToInt(CustomerFacts::portOf)
                .filter(p -> p > 0).findFirst().orElse(-1);
    }

    /** Where a port came from: the first quoted flow. */
    static String flowSource(Finding finding, String what) {
        return finding.evidence().stream().filter(e -> e.frame() >= 0 && e.flow() != null).findFirst()
                .map(e -> e.source() + " #" + e.frame() + ": " + e.flow() + " (" + what + ")")
                .orElse("the customer's capture (" + what + ")");
    }

    /** The port of an {@code address:port} attribute such as {@code 10.0.0.5:8080}, or -1. */
    static int portOf(String endpoint) {
        if (endpoint == null || endpoint.lastIndexOf(':') < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

}
