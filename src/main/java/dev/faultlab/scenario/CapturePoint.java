package dev.faultlab.scenario;

import java.nio.file.Path;

/**
 * Where a scenario captures traffic: the place the field's capture was taken, or where the evidence shows.
 *
 * @param host   lab host (node, pod or client)
 * @param device interface in that host, e.g. {@code eth0}, {@code cni0}, {@code flannel.1}
 * @param filter BPF filter in tcpdump syntax, empty for everything
 */
public record CapturePoint(String host, String device, String filter) {
    public CapturePoint {
        filter = filter == null ? "" : filter;
    }

    /** {@code <captures>/<host>-<device>.pcapng}. */
    public Path fileIn(Path capturesDir) {
        return capturesDir.resolve(host + "-" + device + ".pcapng");
    }
}
