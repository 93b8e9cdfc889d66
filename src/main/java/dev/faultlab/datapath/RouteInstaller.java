package dev.faultlab.datapath;

import dev.faultlab.linux.RtNetlink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
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
 * <p>Changes are queued and applied by {@link #flush()} (the caller flushes once the burst its speaker sent has
 * been read), as rtnetlink requests from the agent's thread, which is in the node's namespace: in a 100-node full
 * mesh a node learns 99 routes at once; one fork per route made route sync the slowest part of convergence, and
 * one {@code ip -batch} per burst still cost 100 lab nodes a few hundred forks.
 */
public final class RouteInstaller {
    /** kube-router's protocol number on the routes it installs. */
    static final int KUBE_ROUTER_PROTO = 17;
    private static final int ESRCH = 3;

    private final String ownCidr;
    private final Path routesFile;
    private final AgentThread agent;
    private final TreeMap<String, String> installed = new TreeMap<>();
    /** Prefix to next hop, or to null for a withdrawal, in arrival order. */
    private final Map<String, String> pending = new LinkedHashMap<>();
    /** The errno of each queued change the kernel refused, so that a retry is logged only when it changes. */
    private final Map<String, Integer> refused = new HashMap<>();

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

    /**
     * Applies the queued changes over rtnetlink (no fork), unless the agent was killed or hung meanwhile. Only a
     * change the kernel acknowledged counts as done: a route the kernel refused (its gateway unreachable for now)
     * stays queued and is tried again at the next flush (the bird sync flushes at least every 200 ms), and the file the lab waits on never lists it. A withdrawn
     * route someone else already removed (a route-missing fault) counts as withdrawn.
     */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        agent.checkpoint();
        boolean changed = false;
        try (RtNetlink kernel = RtNetlink.open("route sync of " + agent.node())) {
            for (Iterator<Map.Entry<String, String>> queued = pending.entrySet().iterator(); queued.hasNext(); ) {
                Map.Entry<String, String> change = queued.next();
                String prefix = change.getKey();
                String nexthop = change.getValue();
                if (nexthop == null ? !installed.containsKey(prefix) : nexthop.equals(installed.get(prefix))) {
                    queued.remove();
                    continue;
                }
                int errno = nexthop == null ? kernel.deleteRoute(prefix, KUBE_ROUTER_PROTO)
                        : kernel.replaceRoute(prefix, nexthop, KUBE_ROUTER_PROTO);
                if (errno == 0 || (nexthop == null && errno == ESRCH)) {
                    queued.remove();
                    refused.remove(prefix);
                    changed = true;
                    if (nexthop == null) {
                        installed.remove(prefix);
                        agent.log().println("route-sync: withdrawn " + prefix);
                    } else {
                        installed.put(prefix, nexthop);
                        agent.log().println("route-sync: " + prefix + " via " + nexthop);
                    }
                } else if (!Integer.valueOf(errno).equals(refused.put(prefix, errno))) {
                    agent.log().println("route-sync: the kernel refused " + (nexthop == null ? "to remove " + prefix
                            : prefix + " via " + nexthop) + " (errno " + errno + "); tried again at the next flush");
                }
            }
        }
        if (changed) {
            publish();
        }
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
