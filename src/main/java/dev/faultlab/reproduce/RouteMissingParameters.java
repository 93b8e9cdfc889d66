package dev.faultlab.reproduce;

import dev.faultlab.detect.Finding;

import java.util.ArrayList;
import java.util.List;

/** {@code route-missing}: the node whose pod routes the others lost, the direction that fails, the server port. */
public final class RouteMissingParameters implements CauseParameters {
    @Override
    public String cause() {
        return "route-missing";
    }

    @Override
    public List<FilledValue> fill(Finding rootCause, CustomerEvidence evidence, ScenarioTemplate template) {
        List<FilledValue> values = new ArrayList<>(CustomerFacts.faultNode(rootCause, template,
                "the node whose pod CIDR lost its routes"));
        String node = rootCause.attributes().get("node");
        String cidr = rootCause.attributes().get("podCidr");
        if (node != null && cidr != null) {
            // the lab's own CIDR for that node unless the customer's node is played under its own name
            String lab = LabHosts.node(template, node, template.get("fault.params.node"));
            String labCidr = lab.equals(node) ? cidr : template.get("expect.attributes.podCidr");
            values.add(FilledValue.playing("expect.attributes.podCidr", labCidr, cidr,
                    CustomerFacts.attribute(rootCause, "podCidr")));
        }
        int port = CustomerFacts.flowPort(rootCause, true);
        if (port > 0) {
            values.addAll(CustomerFacts.serverPort(template, port,
                    CustomerFacts.flowSource(rootCause, "the port the lost connects went to")));
        }
        String direction = rootCause.attributes().get("direction");
        if (direction != null) {
            values.add(FilledValue.of("expect.attributes.direction", direction,
                    CustomerFacts.attribute(rootCause, "direction")));
        }
        return values;
    }
}
