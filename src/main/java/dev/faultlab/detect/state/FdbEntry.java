package dev.faultlab.detect.state;

import java.util.List;

/** One entry of {@code bridge -j fdb show}; {@code destination} is the remote VTEP for VXLAN devices. */
public record FdbEntry(String mac, String device, String destination, List<String> flags, String state) {
    public FdbEntry {
        flags = List.copyOf(flags);
    }

    public String describe() {
        return mac + " dev " + device + (destination == null ? "" : " dst " + destination) + " "
                + String.join(" ", flags) + (state == null ? "" : " " + state);
    }
}
