package dev.faultlab.reproduce;

import dev.faultlab.detect.Finding;
import dev.faultlab.detect.state.HostSnapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code tunnel-mtu-blackhole}: the tunnel device's MTU (from the node state the finding matched), the size of the
 * DF segment that never arrives (from the capture), the datapath that device belongs to, and the NodePort the
 * stalled connection went to (when the template reaches its pod through one).
 */
public final class TunnelMtuParameters implements CauseParameters {
    @Override
    public String cause() {
        return "tunnel-mtu-blackhole";
    }

    @Override
    public List<FilledValue> fill(Finding rootCause, CustomerEvidence evidence, ScenarioTemplate template) {
        List<FilledValue> values = new ArrayList<>();
        String mtu = rootCause.attributes().get("mtu");
        String device = rootCause.attributes().get("device");
        if (mtu != null && device != null) {
            Optional<HostSnapshot> node = evidence.host(h -> h.link(device).filter(l -> String.valueOf(l.mtu())
                    .equals(mtu)).isPresent());
            String source = node.map(h -> h.name() + "/ip-link.json: " + device + " mtu " + mtu)
                    .orElse(CustomerFacts.attribute(rootCause, "mtu"));
            values.add(FilledValue.of("fault.params.mtu", Integer.parseInt(mtu), source));
            values.add(FilledValue.of("expect.attributes.mtu", mtu, source));
            Datapaths.ofDevice(device, node.flatMap(h -> h.link(device)).map(l -> l.kind()).orElse(null))
                    .ifPresent(d -> values.add(FilledValue.of(Datapaths.PATH, d, source + " (" + device
                            + " is the " + d + " datapath's device)")));
            values.add(FilledValue.of("expect.attributes.device", device, source));
        }
        String payload = rootCause.attributes().get("payload");
        String writesPath = "workload.clients[0].args.writes";
        String writes = template.get(writesPath);
        if (payload != null && writes != null) {
            int lost = Integer.parseInt(payload);
            // the template's largest write is the one its black hole swallows; the customer's lost segment replaces it
            List<Integer> sizes = Arrays.stream(writes.split(",")).map(String::strip).map(Integer::parseInt).toList();
            int largest = sizes.stream().max(Integer::compare).orElse(lost);
            String customerWrites = sizes.stream().map(s -> s == largest ? lost : Math.min(s, lost - 1))
                    .map(String::valueOf).collect(Collectors.joining(","));
            String source = rootCause.evidence().isEmpty() ? "the capture" : rootCause.evidence().get(0).source()
                    + ": a " + lost + "-byte DF segment (" + rootCause.attributes().get("segmentSize")
                    + "-byte packet) retransmitted and never acknowledged";
            values.add(FilledValue.of(writesPath, customerWrites, source));
            values.add(FilledValue.of("expect.attributes.payload", payload, source));
        }
        int nodePort = CustomerFacts.flowPort(rootCause, true);
        if (nodePort > 0) {
            values.addAll(CustomerFacts.nodePort(template, nodePort,
                    CustomerFacts.flowSource(rootCause, "the NodePort the client's stalled connection went to")));
        }
        return values;
    }
}
