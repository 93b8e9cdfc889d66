package dev.faultlab.reproduce;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which lab host plays a customer's host. A customer node already named like a lab node that the template's cluster
 * has ({@code node-3}) keeps its name; any other name ({@code ip-10-0-1-5}) is played by the template's own host,
 * and the comparison reads the customer's name as that host.
 */
final class LabHosts {
    private static final Pattern LAB_NODE = Pattern.compile("node-(\\d+)");

    private LabHosts() {
    }

    /** The lab node for customer node {@code customer}, given the template's choice {@code templateNode}. */
    static String node(ScenarioTemplate template, String customer, String templateNode) {
        var m = LAB_NODE.matcher(customer);
        String nodes = template.get("cluster.nodes");
        if (m.matches() && nodes != null && Integer.parseInt(m.group(1)) <= Integer.parseInt(nodes)) {
            return customer;
        }
        return templateNode;
    }

    /** A comma-separated list of customer nodes, each played as by {@link #node}, paired with the template's. */
    static String nodes(ScenarioTemplate template, String customer, String templateNodes) {
        List<String> theirs = csv(customer);
        List<String> ours = csv(templateNodes);
        StringBuilder played = new StringBuilder();
        for (int i = 0; i < theirs.size(); i++) {
            String fallback = i < ours.size() ? ours.get(i) : theirs.get(i);
            played.append(i == 0 ? "" : ",").append(node(template, theirs.get(i), fallback));
        }
        return played.toString();
    }

    private static List<String> csv(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }
}
