package dev.faultlab.datapath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * kube-router's routing half, whichever BGP speaker feeds it: installs learned pod routes into the node's main
 * table with {@code proto 17} (kube-router's protocol number), removes withdrawn ones, and keeps the list of what
 * it installed in a file the lab waits on at bring-up. It never removes routes when it exits: a dead kube-router
 * leaves its node's routes in place, which is what makes the incident asymmetric.
 *
 * <p>Changes are queued and applied by {@link #flush()} in one {@code ip -batch} (the caller flushes once the
 * burst its speaker sent has been read): in a 100-node full mesh a node learns 99 routes at once, and one fork per
 * route made route sync the slowest part of convergence.
 */
public final class RouteInstaller {
    static final String KUBE_ROUTER_PROTO = "17";

    private final String ownCidr;
    private final Path routesFile;
    private final AgentThread agent;
    private final TreeMap<String, String> installed = new TreeMap<>();
    /** Prefix to next hop, or to null for a withdrawal, in arrival order. */
    private final Map<String, String> pending = new LinkedHashMap<>();

    public RouteInstaller(String ownCidr, Path routesFile, AgentThread agent) {
        this.ownCidr = ownCidr;
        this.routesFile = routesFile;
        this.agent = agent;
        publish();
    }

    /** Queues the route to a learned prefix (or its move); the node's own pod CIDR is never routed away. */
    public void install(String prefix, String nexthop) {
        if (prefix.equals(ownCidr) || nexthop.isEmpty() || nexthop.equals("0.0.0.0")) {
            return;
        }
        pending.put(prefix, nexthop);
    }

    /**
     * Queues the removal of a route this agent installed. Others are left alone: a restarted speaker flushes what
     * it exported before it died, and that must not take away the routes a restarted kube-router finds in place.
     */
    public void withdraw(String prefix) {
        if (installed.containsKey(prefix)) {
            pending.put(prefix, null);
        } else {
            pending.remove(prefix);
        }
    }

    /** The queued changes: prefix to next hop, or to null for a withdrawal. */
    public Map<String, String> pending() {
        return new LinkedHashMap<>(pending);
    }

    /** Applies the queued changes (one fork), unless the agent was killed or hung meanwhile. */
    public void flush() {
        IpBatch batch = IpBatch.ip().forcing();
        Map<String, String> changes = new LinkedHashMap<>();
        pending.forEach((prefix, nexthop) -> {
            if (nexthop == null && installed.containsKey(prefix)) {
                batch.add("route", "del", prefix, "proto", KUBE_ROUTER_PROTO);
                changes.put(prefix, null);
            } else if (nexthop != null && !nexthop.equals(installed.get(prefix))) {
                batch.add("route", "replace", prefix, "via", nexthop, "proto", KUBE_ROUTER_PROTO);
                changes.put(prefix, nexthop);
            }
        });
        pending.clear();
        if (changes.isEmpty()) {
            return;
        }
        agent.checkpoint();
        batch.run(null);
        changes.forEach((prefix, nexthop) -> {
            if (nexthop == null) {
                installed.remove(prefix);
                agent.log().println("route-sync: withdrawn " + prefix);
            } else {
                installed.put(prefix, nexthop);
                agent.log().println("route-sync: " + prefix + " via " + nexthop);
            }
        });
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
