package dev.faultlab.backend.netns;

import dev.faultlab.datapath.AgentThread;
import dev.faultlab.datapath.HostedAgent;
import dev.faultlab.datapath.RouteInstaller;

import java.nio.file.Path;
import java.util.List;

/**
 * kube-router's routing half next to a real bird in a node's namespace, run as a thread of the lab's agent host.
 * bird writes every netlink route with {@code proto bird} (its protocol number is hard-coded), so it exports
 * learned routes into a private kernel table ({@link BirdConfig#EXPORT_TABLE}) and this agent mirrors that table
 * into the main table with {@code proto 17} through a {@link RouteInstaller}: the node's routes look exactly as
 * kube-router's do. It follows the table over rtnetlink ({@link NetlinkRoutes}: the routes there are, then every
 * change, no polling) and applies each burst of changes in one batch.
 *
 * <p>Arguments: node name, own pod CIDR, file listing installed routes (the lab waits on it at bring-up).
 */
final class BirdRouteSyncMain implements HostedAgent {
    /** {@code RTPROT_BIRD}: the protocol number bird writes its routes with. */
    private static final int BIRD_PROTOCOL = 12;
    /** How long a read waits before the thread passes its checkpoint again (a kill's latency). */
    private static final long IDLE_WAIT_MILLIS = 200;
    /**
     * bird exports a full mesh's routes one UPDATE at a time: after a change, wait this long for the next one so
     * that a burst is one {@code ip -batch} (in a 100-node mesh, one fork per route was 99 forks per node), but at
     * most {@link #MAX_SETTLE_NANOS}, so a withdrawal still reaches the kernel within tens of ms.
     */
    private static final long SETTLE_MILLIS = 10;
    private static final long MAX_SETTLE_NANOS = 100_000_000L;

    private final List<String> args;

    BirdRouteSyncMain(List<String> args) {
        if (args.size() != 3) {
            throw new IllegalArgumentException("bird route sync needs NODE POD_CIDR ROUTES_FILE, got " + args);
        }
        this.args = List.copyOf(args);
    }

    @Override
    public void run(AgentThread agent) {
        RouteInstaller routes = new RouteInstaller(args.get(1), Path.of(args.get(2)), agent);
        agent.log().println("route-sync " + args.get(0) + ": mirroring table " + BirdConfig.EXPORT_TABLE);
        try (NetlinkRoutes kernel = NetlinkRoutes.open()) {
            while (true) {
                agent.checkpoint();
                List<NetlinkRoutes.Route> burst = kernel.receive(IDLE_WAIT_MILLIS);
                long settleUntil = System.nanoTime() + MAX_SETTLE_NANOS;
                while (!burst.isEmpty()) {
                    agent.checkpoint();
                    burst.forEach(route -> apply(routes, route));
                    burst = kernel.receive(System.nanoTime() < settleUntil ? SETTLE_MILLIS : 0);
                }
                routes.flush();
            }
        }
    }

    /** Mirrors a gatewayed route bird wrote into its export table; every other route is someone else's. */
    static void apply(RouteInstaller routes, NetlinkRoutes.Route route) {
        if (route.table() != BirdConfig.EXPORT_TABLE || route.protocol() != BIRD_PROTOCOL
                || route.gateway().isEmpty()) {
            return;
        }
        if (route.deleted()) {
            routes.withdraw(route.prefix());
        } else {
            routes.install(route.prefix(), route.gateway());
        }
    }
}
