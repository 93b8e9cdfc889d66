package dev.faultlab.workload;

import java.util.Map;
import java.util.TreeMap;

/**
 * A workload server a scenario starts before anything else, e.g. {@code {host: pod-3-a, run: tcp-server,
 * args: {port: 8080, close-first: true}}}.
 *
 * @param host the lab host it runs in
 * @param run  the workload subcommand ({@code tcp-server}, {@code udp-server})
 * @param args options without dashes; {@code true} is a bare flag, {@code false} leaves it out
 */
public record ServerSpec(String host, String run, Map<String, String> args) {
    public ServerSpec {
        args = args == null ? Map.of() : Map.copyOf(args);
    }

    /** The port it listens on (its {@code port} option). */
    public int port() {
        String port = args.get("port");
        if (port == null) {
            throw new IllegalArgumentException("workload server on " + host + " needs args.port");
        }
        return Integer.parseInt(port.strip());
    }

    public ServerSpec withArgs(Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(args);
        merged.putAll(overrides);
        return new ServerSpec(host, run, merged);
    }
}
