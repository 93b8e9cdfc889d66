package dev.faultlab.scenario.report;

import dev.faultlab.topology.ClusterLayout;
import dev.faultlab.topology.NodeInfo;
import dev.faultlab.topology.PodInfo;
import dev.faultlab.topology.ServiceInfo;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The lab as it ran: nodes with their underlay address, pod CIDR and tunnel device, the pods on each, clients,
 * services, and the backend's notes (e.g. that {@code tunl0} is a VXLAN stand-in because this kernel has no
 * ipip), so a reader can map every address in the evidence to a host.
 */
final class LayoutSection implements ReportSection {
    @Override
    public void render(ReportContext context, Markup out) {
        out.element("h2", "Lab layout");
        ClusterLayout layout = context.result().layout();
        if (layout == null) {
            out.element("p", "The lab never started; see the run log.", "class", "note");
            return;
        }
        out.element("p", "Lab " + layout.labId() + " on the " + layout.backend() + " backend, datapath "
                + layout.datapath().id() + ".", "class", "note");
        out.open("table").open("tr");
        for (String column : new String[] {"host", "role", "address", "pod CIDR", "device", "runs on"}) {
            out.element("th", column);
        }
        out.close("tr");
        layout.clients().forEach(c -> row(out, c.name(), "client", c.ip(), "", "", ""));
        for (NodeInfo node : layout.nodes()) {
            row(out, node.name(), "node", node.underlayIp(), node.podCidr(),
                    node.tunnelDevice() == null ? "" : node.tunnelDevice(), "");
            for (PodInfo pod : layout.podsOn(node.name())) {
                row(out, pod.name(), "pod", pod.ip(), "", "eth0", node.name());
            }
        }
        out.close("table");
        if (!layout.services().isEmpty()) {
            services(layout, out);
        }
        if (!layout.notes().isEmpty()) {
            out.open("ul", "class", "notes");
            layout.notes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(n -> out.open("li").element("code", n.getKey()).text(": " + n.getValue()).close("li"));
            out.close("ul");
        }
    }

    private static void services(ClusterLayout layout, Markup out) {
        out.open("table").open("tr");
        for (String column : new String[] {"service", "ClusterIP:port", "NodePort", "policy", "endpoints"}) {
            out.element("th", column);
        }
        out.close("tr");
        for (ServiceInfo s : layout.services()) {
            out.open("tr")
                    .element("td", s.name())
                    .element("td", s.clusterIp() + ":" + s.port() + "/" + s.protocol(), "class", "mono")
                    .element("td", s.nodePort() == 0 ? "" : String.valueOf(s.nodePort()), "class", "mono")
                    .element("td", s.policy().name().toLowerCase(java.util.Locale.ROOT))
                    .element("td", s.endpoints().stream().collect(Collectors.joining(", ")) + " → :" + s.targetPort())
                    .close("tr");
        }
        out.close("table");
    }

    private static void row(Markup out, String host, String role, String address, String cidr, String device,
                            String node) {
        out.open("tr").element("td", host).element("td", role).element("td", address, "class", "mono")
                .element("td", cidr, "class", "mono").element("td", device, "class", "mono").element("td", node)
                .close("tr");
    }
}
