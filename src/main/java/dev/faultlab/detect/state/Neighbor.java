package dev.faultlab.detect.state;

import java.util.List;

/** One entry of {@code ip -j neigh show}: {@code dst lladdr ... dev ... state}. */
public record Neighbor(String destination, String device, String linkAddress, List<String> states) {
    public Neighbor {
        states = List.copyOf(states);
    }

    public boolean permanent() {
        return states.contains("PERMANENT");
    }

    public String describe() {
        return destination + " dev " + device + (linkAddress == null ? "" : " lladdr " + linkAddress) + " "
                + String.join(",", states);
    }
}
