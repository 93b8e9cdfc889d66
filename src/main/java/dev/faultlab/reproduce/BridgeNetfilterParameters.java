package dev.faultlab.reproduce;

import dev.faultlab.detect.Finding;

import java.util.ArrayList;
import java.util.List;

/** {@code bridge-netfilter-off}: the node whose bridge skips iptables (the finding names no port to fill). */
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
        return values;
    }
}
