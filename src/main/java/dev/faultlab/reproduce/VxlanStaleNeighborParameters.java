package dev.faultlab.reproduce;

import dev.faultlab.detect.Finding;

import java.util.ArrayList;
import java.util.List;

/** {@code vxlan-stale-neighbor}: the node whose VTEP MAC changed and the peers that kept the old one. */
public final class VxlanStaleNeighborParameters implements CauseParameters {
    @Override
    public String cause() {
        return "vxlan-stale-neighbor";
    }

    @Override
    public List<FilledValue> fill(Finding rootCause, CustomerEvidence evidence, ScenarioTemplate template) {
        List<FilledValue> values = new ArrayList<>(CustomerFacts.faultNode(rootCause, template,
                "its flannel.1 MAC changed"));
        String staleOn = rootCause.attributes().get("staleOn");
        if (staleOn != null) {
            String lab = LabHosts.nodes(template, staleOn, template.get("fault.params.stale"));
            String source = CustomerFacts.attribute(rootCause, "staleOn") + " (peers that kept the old MAC)";
            values.add(FilledValue.playing("fault.params.stale", lab, staleOn, source));
            values.add(FilledValue.playing("expect.attributes.staleOn", lab, staleOn, source));
        }
        return values;
    }
}
