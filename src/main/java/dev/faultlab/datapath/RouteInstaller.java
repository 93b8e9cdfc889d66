package dev.faultlab.datapath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * kube-router's routing half, whichever BGP speaker feeds it: installs learned pod routes into the node's main
 * table with {@code proto 17} (kube-router's protocol number), removes withdrawn ones, and keeps the list of what
 * it installed in a file the lab waits on at bring-up. It never removes routes when it exits: a dead kube-router
 * leaves its node's routes in place, which is what makes the incident asymmetric.
 */
public final class RouteInstaller {
    static final String KUBE_ROUTER_PROTO = "17";

    private final String ownCidr;
    private final Path routesFile;
    private final TreeMap<String, String> installed = new TreeMap<>();

    public RouteInstaller(String ownCidr, Path routesFile) {
        this.ownCidr = ownCidr;
        this.routesFile = routesFile;
        publish();
    }

    /** Installs (or moves) the route to a learned prefix; the node's own pod CIDR is never routed away. */
    public void install(String prefix, String nexthop) {
        if (prefix.equals(ownCidr) || nexthop.isEmpty() || nexthop.equals("0.0.0.0")
                || nexthop.equals(installed.get(prefix))) {
            return;
        }
        Commands.run(List.of("ip", "route", "replace", prefix, "via", nexthop, "proto", KUBE_ROUTER_PROTO))
                .orThrow();
        installed.put(prefix, nexthop);
        System.out.println("route-sync: " + prefix + " via " + nexthop);
        publish();
    }

    /**
     * Removes a route this process installed. Others are left alone: a restarted speaker flushes what it exported
     * before it died, and that must not take away the routes a restarted kube-router finds in place.
     */
    public void withdraw(String prefix) {
        if (installed.remove(prefix) == null) {
            return;
        }
        Commands.run(List.of("ip", "route", "del", prefix, "proto", KUBE_ROUTER_PROTO));
        System.out.println("route-sync: withdrawn " + prefix);
        publish();
    }

    private void publish() {
        try {
            AtomicFiles.write(routesFile, installed.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining("\n", "", "\n")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + routesFile + ": " + e.getMessage(), e);
        }
    }
}
