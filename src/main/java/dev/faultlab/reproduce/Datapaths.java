package dev.faultlab.reproduce;

import dev.faultlab.detect.state.HostSnapshot;
import dev.faultlab.detect.state.Route;
import dev.faultlab.datapath.DatapathDefinition;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Which lab datapath a customer's node runs, from its state: a VXLAN device (flannel's UDP 8472, or 4789), an IPIP
 * tunnel device, or pod routes a BGP daemon installed (route protocol bird, bgp or zebra).
 */
final class Datapaths {
    static final String PATH = "cluster.datapath";
    private static final Set<String> BGP_PROTOCOLS = Set.of("bird", "bgp", "zebra");

    private Datapaths() {
    }

    /**
     * The datapath a tunnel device belongs to: by its name first (tunl0 is Calico's IPIP device even where a lab
     * stands it in with a VXLAN device), then by its kind ({@code ip -d link}).
     */
    static Optional<String> ofDevice(String device, String kind) {
        String k = kind == null ? "" : kind;
        String id = device.startsWith("tunl") ? "ipip"
                : device.startsWith("flannel") || device.startsWith("vxlan") ? "flannel-vxlan"
                : k.equals("ipip") ? "ipip" : k.equals("vxlan") ? "flannel-vxlan" : null;
        return Optional.ofNullable(id).filter(Datapaths::known);
    }

    /** The datapath the hosts' state shows, and the fact that shows it. */
    static Optional<FilledValue> ofHosts(Collection<HostSnapshot> hosts) {
        for (HostSnapshot host : hosts) {
            for (var link : host.links()) {
                Optional<String> id = link.kind() == null ? Optional.empty()
                        : link.kind().equals("vxlan") || link.kind().equals("ipip")
                        ? ofDevice(link.name(), link.kind()) : Optional.empty();
                if (id.isPresent()) {
                    return Optional.of(FilledValue.of(PATH, id.get(), host.name() + "/ip-link.json: " + link.name()
                            + " is a " + link.kind() + " device"));
                }
            }
            for (Route route : host.routes()) {
                if (route.protocol() != null && BGP_PROTOCOLS.contains(route.protocol()) && known("bgp")) {
                    return Optional.of(FilledValue.of(PATH, "bgp", host.name() + "/ip-route.json: " + route.describe()));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean known(String id) {
        return DatapathDefinition.registry().find(id).isPresent();
    }
}
