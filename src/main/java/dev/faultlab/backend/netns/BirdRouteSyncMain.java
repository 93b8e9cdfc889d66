package dev.faultlab.backend.netns;

import dev.faultlab.datapath.Commands;
import dev.faultlab.datapath.RouteInstaller;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * kube-router's routing half next to a real bird in a node's namespace. bird writes every netlink route with
 * {@code proto bird} (its protocol number is hard-coded), so it exports learned routes into a private kernel
 * table ({@link BirdConfig#EXPORT_TABLE}) and this process mirrors that table into the main table with
 * {@code proto 17} through a {@link RouteInstaller}: the node's routes look exactly as kube-router's do. It follows
 * {@code ip monitor route} (no polling), after reading the table once for what was there before it started.
 *
 * <p>Arguments: node name, own pod CIDR, file listing installed routes (the lab waits on it at bring-up).
 */
public final class BirdRouteSyncMain {
    private final RouteInstaller routes;
    private final String table;

    private BirdRouteSyncMain(RouteInstaller routes, String table) {
        this.routes = routes;
        this.table = table;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: BirdRouteSyncMain NODE POD_CIDR ROUTES_FILE");
        }
        System.out.println("route-sync " + args[0] + ": mirroring table " + BirdConfig.EXPORT_TABLE);
        System.exit(new BirdRouteSyncMain(new RouteInstaller(args[1], Path.of(args[2])),
                Integer.toString(BirdConfig.EXPORT_TABLE)).follow());
    }

    private int follow() throws IOException, InterruptedException {
        // monitor first, then read the table: a route added in between shows up twice, never zero times
        Process monitor = new ProcessBuilder("ip", "monitor", "route").redirectErrorStream(true).start();
        // fails while the table does not exist yet (bird has exported nothing); ip omits "table T" listing one table
        Commands.run(List.of("ip", "route", "show", "table", table)).stdout().lines()
                .forEach(line -> apply(line + " table " + table));
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                apply(line);
            }
        }
        System.out.println("route-sync: ip monitor ended (exit " + monitor.waitFor() + ")");
        return 1;
    }

    private void apply(String line) {
        KernelRouteEvent.parse(line, table).ifPresent(event -> {
            if (event.deleted()) {
                routes.withdraw(event.prefix());
            } else {
                routes.install(event.prefix(), event.gateway());
            }
        });
    }
}
