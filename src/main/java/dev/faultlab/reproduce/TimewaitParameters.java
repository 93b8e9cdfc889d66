package dev.faultlab.reproduce;

import dev.faultlab.detect.Finding;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code timewait-syn-rejected}: the server's port and its timestamp and TIME_WAIT sysctls. Which of the two
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
        int port = CustomerFacts.portOf(server);
        String labServer = template.get("workload.servers[0].host");
        if (port > 0) {
            String source = CustomerFacts.attribute(rootCause, "server") + " (the port holding TIME_WAIT)";
            values.add(FilledValue.of("workload.servers[0].args.port", port, source));
            if (template.get("cluster.services[0].targetPort") != null) {
                values.add(FilledValue.of("cluster.services[0].targetPort", port, source));
            } else {
                for (int t = 0; t < template.count("workload.clients[0].to"); t++) {
                    for (int c = 0; c < template.count("workload.clients"); c++) {
                        String at = "workload.clients[" + c + "].to[" + t + "]";
                        if (template.get(at) != null) {
                            values.add(FilledValue.of(at, CustomerFacts.withPort(template.get(at), port), source));
                        }
                    }
                }
            }
            String filter = template.get("captures[0].filter");
            if (filter != null && filter.contains(template.get("workload.servers[0].args.port"))) {
                values.add(FilledValue.of("captures[0].filter", CustomerFacts.filterWithPort(filter, port), source));
            }
            String address = server.substring(0, server.lastIndexOf(':')).replace("[", "").replace("]", "");
            evidence.hosts().stream().filter(h -> h.addresses().stream().anyMatch(a -> a.startsWith(address + "/")
                            || a.equals(address))).findFirst()
                    .ifPresent(h -> values.addAll(CustomerFacts.sysctls(evidence, h.name(), labServer,
                            template.count("sysctls"), SERVER_SYSCTLS)));
        }
        String source = rootCause.attributes().get("source");
        if (source != null) {
            values.add(FilledValue.of("expect.attributes.source", source, CustomerFacts.attribute(rootCause, "source")));
        }
        return values;
    }
}
