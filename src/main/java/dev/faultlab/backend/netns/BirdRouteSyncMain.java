package dev.faultlab.backend.netns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * kube-router's routing half next to a real bird in a node's namespace, run as a thread of the lab's agent host.
 * bird writes every netlink route with {@code proto bird} (its protocol number is hard-coded), so it exports
 * learned routes into a private kernel table ({@link BirdConfig#EXPORT_TABLE}) and this agent mirrors that table
 * into the main table with {@code proto 17} through a {@link RouteInstaller}: the node's routes look exactly as
 * kube-router's do. It follows {@code ip monitor route} (no polling), after reading the table once for what was
 * there before it started, and applies each burst of changes in one batch.
 *
 * <p>Arguments: node name, own pod CIDR, file listing installed routes (the lab waits on it at bring-up).
 */
final class BirdRouteSyncMain implements HostedAgent {
    private final List<String> args;

    BirdRouteSyncMain(List<String> args) {
        if (args.size() != 3) {
            throw new IllegalArgumentException("bird route sync needs NODE POD_CIDR ROUTES_FILE, got " + args);
        }
        this.args = List.copyOf(args);
    }

    @Override
    public void run(AgentThread agent) throws IOException, InterruptedException {
        String table = Integer.toString(BirdConfig.EXPORT_TABLE);
        RouteInstaller routes = new RouteInstaller(args.get(1), Path.of(args.get(2)), agent);
        agent.log().println("route-sync " + args.get(0) + ": mirroring table " + table);
        // monitor first, then read the table: a route added in between shows up twice, never zero times
        Process monitor = agent.spawn(new ProcessBuilder("ip", "monitor", "route").redirectErrorStream(true));
        agent.checkpoint();
        // fails while the table does not exist yet (bird has exported nothing); ip omits "table T" listing one table
        Commands.run(List.of("ip", "route", "show", "table", table)).stdout().lines()
                .forEach(line -> apply(routes, line + " table " + table, table));
        routes.flush();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                agent.checkpoint();
                apply(routes, line, table);
                if (!lines.ready()) {
                    routes.flush();
                }
            }
        }
        agent.checkpoint();
        agent.log().println("route-sync: ip monitor ended (exit " + monitor.waitFor() + ")");
    }

    private static void apply(RouteInstaller routes, String line, String table) {
        KernelRouteEvent.parse(line, table).ifPresent(event -> {
            if (event.deleted()) {
                routes.withdraw(event.prefix());
            } else {
                routes.install(event.prefix(), event.gateway());
            }
        });
    }
}
