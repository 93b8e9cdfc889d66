package dev.faultlab.detect.state;

/** A routing agent's BGP peer from {@code agent.json}: its address and session state (established, idle...). */
public record BgpNeighbor(String address, String state) {
    public boolean established() {
        return "established".equalsIgnoreCase(state);
    }
}
