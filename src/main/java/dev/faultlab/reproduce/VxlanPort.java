package dev.faultlab.reproduce;

import dev.faultlab.capture.read.CaptureReader;
import dev.faultlab.capture.read.Packet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The UDP port the customer's VXLAN traffic runs on (flannel's 8472, or the IANA port 4789), read from the first
 * VXLAN packet of their captures, and written into the scenario's capture filters that name a VXLAN port. The lab's
 * datapaths each carry VXLAN on one fixed port, so a customer on another port gets a note instead: the lab cannot
 * follow it, and a filter on the customer's port would capture nothing in the lab.
 *
 * @param port   the customer's VXLAN destination port
 * @param source the packet that shows it
 */
record VxlanPort(int port, String source) {
    /** How far into each capture to look: a VXLAN node's capture shows it within the first frames. */
    private static final int FRAMES_READ = 100_000;
    private static final Pattern FILTER_PORT = Pattern.compile("\\budp (?:dst )?port (4789|8472)\\b");

    /** The first VXLAN packet's port, if any capture holds one. */
    static Optional<VxlanPort> of(List<Path> captures) {
        for (Path capture : captures) {
            try (CaptureReader reader = CaptureReader.open(capture)) {
                Optional<VxlanPort> seen = reader.stream().limit(FRAMES_READ)
                        .filter(p -> p.vxlan() != null && p.udp() != null).findFirst()
                        .map(p -> new VxlanPort(p.udp().destinationPort(), describe(capture, p)));
                if (seen.isPresent()) {
                    return seen;
                }
            } catch (RuntimeException e) {
                // an unreadable capture is the diagnosis's to report; it simply shows no port here
            }
        }
        return Optional.empty();
    }

    private static String describe(Path capture, Packet packet) {
        return capture.getFileName() + " #" + packet.frame() + ": " + packet.flow() + " (VXLAN vni "
                + packet.vxlan().vni() + ")";
    }

    /** The scenario's capture filters on a VXLAN port, each written with the customer's port when it is the same. */
    List<FilledValue> fill(ScenarioTemplate template) {
        List<FilledValue> values = new ArrayList<>();
        filterPorts(template).forEach((at, filterPort) -> {
            if (filterPort == port) {
                values.add(FilledValue.of(at, template.get(at), source + " (the customer's VXLAN port)"));
            }
        });
        return values;
    }

    /** A line when the template's VXLAN captures use another port than the customer's, else empty. */
    Optional<String> mismatch(ScenarioTemplate template) {
        return filterPorts(template).values().stream().filter(filterPort -> filterPort != port).findFirst()
                .map(other -> "the customer's VXLAN runs on UDP " + port + " (" + source + "); the lab's "
                        + template.get(Datapaths.PATH) + " datapath carries it on " + other
                        + ", which is not a parameter, so the scenario keeps " + other);
    }

    /** The VXLAN port each of the template's capture filters names, by the filter's path, in the template's order. */
    private static Map<String, Integer> filterPorts(ScenarioTemplate template) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < template.count("captures"); i++) {
            String at = "captures[" + i + "].filter";
            String filter = template.get(at);
            Matcher m = filter == null ? null : FILTER_PORT.matcher(filter);
            if (m != null && m.find()) {
                ports.put(at, Integer.parseInt(m.group(1)));
            }
        }
        return ports;
    }
}
