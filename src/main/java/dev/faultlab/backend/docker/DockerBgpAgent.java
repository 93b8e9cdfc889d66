package dev.faultlab.backend.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.container.ContainerNode;
import dev.faultlab.container.ContainerProcess;
import dev.faultlab.datapath.AgentHost;
import dev.faultlab.datapath.BgpAgentState;
import dev.faultlab.topology.BgpDaemon;
import dev.faultlab.topology.BgpOptions;
import dev.faultlab.topology.NodeInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * kube-router on one docker node: gobgpd in the node container and the route sync (a thread of the lab's one agent
 * host on this machine, joined to the container's network namespace, so {@code gobgp} and {@code ip route} act on
 * the node), started, killed, stopped, hung and resumed together as the one process kube-router is in the field;
 * the other nodes' route syncs in the same host are untouched. A restart with graceful restart on passes gobgpd's
 * restart flag.
 */
final class DockerBgpAgent implements NodeAgent {
    private static final String PID_FILE = "/var/lib/faultlab/gobgpd.pid";
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

    private final NodeInfo node;
    private final ContainerNode container;
    private final BgpOptions options;
    private final Path routesFile;
    private final AgentHost agentHost;
    private ContainerProcess gobgpd;
    private boolean routeSyncStarted;
    private int starts;

    DockerBgpAgent(NodeInfo node, ContainerNode container, BgpOptions options, Path routesFile, AgentHost agentHost) {
        this.node = node;
        this.container = container;
        this.options = options;
        this.routesFile = routesFile;
        this.agentHost = agentHost;
    }

    @Override
    public String kind() {
        return "gobgpd";
    }

    @Override
    public String node() {
        return node.name();
    }

    @Override
    public synchronized boolean isRunning() {
        return gobgpd != null && gobgpd.isAlive() && routeSyncStarted
                && agentHost.running(List.of(node.name())).contains(node.name());
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        kill();
        List<String> daemon = new ArrayList<>(List.of("gobgpd", "-f", BgpDatapath.CONFIG, "-p", "--pprof-disable",
                "--api-hosts", "127.0.0.1:50051", "-l", "info"));
        if (starts++ > 0 && options.gracefulRestart()) {
            daemon.add("-r");
        }
        gobgpd = container.start(node.name(), daemon, PID_FILE);
        agentHost.start(node.name(), container.netnsFile(), DockerAgentHostMain.ROUTE_SYNC,
                List.of(node.name(), node.podCidr(), routesFile.toString()));
        routeSyncStarted = true;
    }

    @Override
    public synchronized void stop() {
        signalGobgpd("TERM");
        onRouteSync(agentHost::stop);
        awaitGobgpdExit();
    }

    @Override
    public synchronized void kill() {
        signalGobgpd("KILL");
        onRouteSync(agentHost::kill);
        awaitGobgpdExit();
    }

    @Override
    public synchronized void pause() {
        signalGobgpd("STOP");
        onRouteSync(agentHost::pause);
    }

    @Override
    public synchronized void resume() {
        signalGobgpd("CONT");
        onRouteSync(agentHost::resume);
    }

    /** Pod CIDRs the route sync has installed on this node. */
    synchronized Set<String> installed() {
        try {
            return Files.exists(routesFile) ? Files.readAllLines(routesFile).stream().filter(l -> !l.isBlank())
                    .map(l -> l.split(" ")[0]).collect(Collectors.toSet()) : Set.of();
        } catch (IOException e) {
            return Set.of();
        }
    }

    synchronized String output() {
        String sync = "";
        try {
            Path log = AgentHost.logFile(routesFile.getParent(), node.name(), DockerAgentHostMain.ROUTE_SYNC);
            sync = Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            // the log is only for failure messages
        }
        return (gobgpd == null ? "" : gobgpd.output()) + sync + agentHost.output();
    }

    @Override
    public String stateJson() {
        Map<String, String> states = new TreeMap<>();
        if (isRunning()) {
            ExecResult neighbors = container.exec(List.of("gobgp", "neighbor", "-j"), Duration.ofSeconds(2));
            try {
                states = neighbors.ok() ? BgpAgentState.gobgpNeighborStates(new ObjectMapper().readTree(neighbors.stdout()))
                        : states;
            } catch (IOException e) {
                // an unreadable answer counts as no neighbors
            }
        }
        return BgpAgentState.json(BgpDaemon.GOBGPD.id(), node.name(), isRunning(), states);
    }

    private void signalGobgpd(String signal) {
        if (gobgpd != null && gobgpd.isAlive()) {
            gobgpd.signal(signal);
        }
    }

    /** Acts on this node's route sync thread, once one was started (a first start kills what is not there yet). */
    private void onRouteSync(Consumer<String> action) {
        if (routeSyncStarted) {
            action.accept(node.name());
        }
    }

    private void awaitGobgpdExit() {
        if (gobgpd != null) {
            gobgpd.awaitExit(EXIT_WAIT);
        }
    }
}
