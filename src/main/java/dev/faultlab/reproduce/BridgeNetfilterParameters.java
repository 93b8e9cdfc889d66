package dev.faultlab.reproduce;

import dev.faultlab.detect.Finding;

import java.util.ArrayList;
import java.util.List;

/** {@code bridge-netfilter-off}: the node whose bridge skips iptables, and the pod port the replies come from. */
public final class BridgeNetfilterParameters implements CauseParameters {
    @Override
    public String cause() {
        return "bridge-netfilter-off";
    }

    @Override
    public List<FilledValue> fill(Finding rootCause, CustomerEvidence evidence, ScenarioTemplate template) {
        List<FilledValue> values = new ArrayList<>();
        String node = rootCause.attributes().get("node");
        if (node != null) {
            String lab = LabHosts.node(template, node, template.get("fault.params.node"));
            String source = CustomerFacts.attribute(rootCause, "node") + " (its sysctl.txt: "
                    + "net.bridge.bridge-nf-call-iptables = 0)";
            values.add(FilledValue.playing("fault.params.node", lab, node, source));
            values.add(FilledValue.playing("expect.attributes.node", lab, node, source));
        }
        int podPort = CustomerFacts.portOf(rootCause.attributes().get("podIp"));
        if (podPort > 0) {
            String source = CustomerFacts.attribute(rootCause, "podIp") + " (the endpoint's port)";
            values.add(FilledValue.of("workload.servers[0].args.port", podPort, source));
            values.add(FilledValue.of("cluster.services[0].targetPort", podPort, source));
        }
        return values;
    }
}
