package dev.faultlab.reproduce;

import dev.faultlab.detect.Finding;

import java.util.ArrayList;
import java.util.List;

/** {@code bridge-netfilter-off}: the node whose bridge skips iptables, and the endpoint pod's port. */
public final class BridgeNetfilterParameters implements CauseParameters {
    @Override
    public String cause() {
        return "bridge-netfilter-off";
    }

    @Override
    public List<FilledValue> fill(Finding rootCause, CustomerEvidence evidence, ScenarioTemplate template) {
        List<FilledValue> values = new ArrayList<>(CustomerFacts.faultNode(rootCause, template,
                "its sysctl.txt: net.bridge.bridge-nf-call-iptables = 0"));
        // the SYN-ACK comes from the pod's own address and port: the flow quoted as "pod > client"
        String podIp = rootCause.attributes().get("podIp");
        rootCause.evidence().stream().filter(e -> e.frame() >= 0 && e.flow() != null && podIp != null
                        && e.flow().startsWith(podIp + ":")).findFirst()
                .ifPresent(e -> {
                    int port = CustomerFacts.portOf(e.flow().split(" > ", 2)[0]);
                    if (port > 0) {
                        values.addAll(CustomerFacts.serverPort(template, port, e.source() + " #" + e.frame() + ": "
                                + e.flow() + " (the endpoint pod's port)"));
                    }
                });
        return values;
    }
}
