package dev.faultlab.fault;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.backend.Cluster;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.topology.NodeInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The routing daemon of one node dies, as kube-router did in the field: its BGP peers withdraw the routes to
 * the node's pod CIDR, so traffic INTO that node's pods is lost while the node itself keeps its routes (the
 * failure is asymmetric). The signal picks how peers notice: {@code kill} (the session closes at once),
 * {@code term} (graceful restart: stale routes survive the restart window) or {@code stop} (a hung daemon:
 * noticed only when the hold timer expires). Returns once every peer lost the route.
 */
public final class RoutingAgentKill implements Fault<RoutingAgentKill.Params> {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the daemon fails and how it comes back. */
    private enum Signal {
        KILL(NodeAgent::kill, NodeAgent::start),
        TERM(NodeAgent::stop, NodeAgent::start),
        STOP(NodeAgent::pause, NodeAgent::resume);

        private final Consumer<NodeAgent> fail;
        private final Consumer<NodeAgent> recover;

        Signal(Consumer<NodeAgent> fail, Consumer<NodeAgent> recover) {
            this.fail = fail;
            this.recover = recover;
        }

        static Signal of(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fault routing-agent-kill parameter 'signal' must be kill, term or "
                        + "stop, got '" + name + "'");
            }
        }
    }

    private static final FaultInfo<Params> INFO = new FaultInfo<>("routing-agent-kill",
            "kills, stops or hangs a node's routing daemon until its peers withdraw the node's pod CIDR",
            Params.class);

    public record Params(
            @Param("the node whose routing daemon fails") String node,
            @Param(value = "kill, term (graceful stop) or stop (hung, SIGSTOP)", fallback = "kill") String signal,
            @Param(value = "how long peers may take to withdraw the route", fallback = "30") int withinSeconds) {
        public Params {
            Signal.of(signal);
        }
    }

    @Override
    public FaultInfo<Params> info() {
        return INFO;
    }

    @Override
    public void inject(FaultContext context, Params params) {
        Cluster cluster = context.cluster();
        String node = params.node();
        Signal signal = Signal.of(params.signal());
        NodeInfo victim = cluster.layout().node(node).orElseThrow(() -> new IllegalArgumentException(
                "fault routing-agent-kill: no node '" + node + "' in the lab"));
        signal.fail.accept(cluster.agent(node));
        context.log().accept("routing agent on " + node + ": " + signal.name().toLowerCase(Locale.ROOT)
                + "; waiting for peers to withdraw " + victim.podCidr());
        List<NodeInfo> peers = cluster.layout().nodes().stream().filter(n -> !n.name().equals(node)).toList();
        long start = System.nanoTime();
        FaultEffect.until(name(), "peers withdrawing the route to " + victim.podCidr(),
                Duration.ofSeconds(params.withinSeconds()),
                () -> peers.stream().noneMatch(peer -> hasRoute(cluster, peer.name(), victim.podCidr())));
        context.log().accept(String.format(Locale.ROOT, "peers withdrew %s %.1f s after the %s", victim.podCidr(),
                (System.nanoTime() - start) / 1e9, signal.name().toLowerCase(Locale.ROOT)));
    }

    @Override
    public boolean heals() {
        return true;
    }

    @Override
    public void heal(FaultContext context, Params params) {
        Signal.of(params.signal()).recover.accept(context.cluster().agent(params.node()));
    }

    private static boolean hasRoute(Cluster cluster, String host, String cidr) {
        String json = cluster.exec(host, List.of("ip", "-j", "route", "show", "exact", cidr), Duration.ofSeconds(10))
                .orThrow().stdout();
        try {
            return !json.isBlank() && JSON.readTree(json).size() > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable 'ip -j route' output on " + host, e);
        }
    }
}
