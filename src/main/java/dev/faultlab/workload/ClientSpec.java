package dev.faultlab.workload;

import java.util.List;
import java.util.Map;

/**
 * A workload client a scenario drives after the fault, e.g. {@code {host: pod-1-a, run: tcp-client,
 * to: [pod-3-a:8080], args: {count: 3, connect-timeout-ms: 2500}}}.
 *
 * @param host the lab host it runs in
 * @param run  the workload subcommand ({@code tcp-client}, {@code udp-client})
 * @param to   targets as {@link Endpoints} expressions ({@code pod-3-a:8080}, {@code service/dns},
 *             {@code nodeport/web@node-1})
 * @param args options without dashes; {@code true} is a bare flag, {@code false} leaves it out
 */
public record ClientSpec(String host, String run, List<String> to, Map<String, String> args) {
    public ClientSpec {
        to = to == null ? List.of() : List.copyOf(to);
        args = args == null ? Map.of() : Map.copyOf(args);
    }
}
