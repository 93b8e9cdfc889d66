package dev.faultlab.backend.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.LabException;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.container.ContainerNode;
import dev.faultlab.container.ContainerProcess;
import dev.faultlab.datapath.BgpAgentState;
import dev.faultlab.topology.BgpDaemon;
import dev.faultlab.datapath.BgpRouteSyncMain;
import dev.faultlab.datapath.JavaMain;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * kube-router on one docker node: gobgpd in the node container and the route sync (a JVM on this machine, joined
 * to the container's network namespace with nsenter, so {@code gobgp} and {@code ip route} act on the node),
 * started, killed, stopped, hung and resumed together as the one process kube-router is in the field. A restart
 * with graceful restart on passes gobgpd's restart flag.
 */
final class DockerBgpAgent implements NodeAgent {
    private static final String PID_FILE = "/var/lib/faultlab/gobgpd.pid";
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

    private final NodeInfo node;
    private final ContainerNode container;
    private final BgpOptions options;
    private final Path routesFile;
    private ContainerProcess gobgpd;
    private Process routeSync;
    private Path routeSyncLog;
    private int starts;

    DockerBgpAgent(NodeInfo node, ContainerNode container, BgpOptions options, Path routesFile) {
        this.node = node;
        this.container = container;
        this.options = options;
        this.routesFile = routesFile;
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
        return gobgpd != null && gobgpd.isAlive() && routeSync != null && routeSync.isAlive();
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
        List<String> sync = new ArrayList<>(List.of("nsenter", "--net=" + container.netnsFile()));
        sync.addAll(JavaMain.command(BgpRouteSyncMain.class, List.of(node.name(), node.podCidr(),
                routesFile.toString())));
        try {
            routeSyncLog = routesFile.resolveSibling(node.name() + "-route-sync.log");
            routeSync = new ProcessBuilder(sync).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(routeSyncLog.toFile()))
                    .start();
        } catch (IOException e) {
            throw new LabException("cannot start the route sync of " + node.name() + " (" + e.getMessage()
                    + "): is nsenter (util-linux) installed?", e);
        }
    }

    @Override
    public synchronized void stop() {
        signal("TERM");
        awaitExit();
    }

    @Override
    public synchronized void kill() {
        signal("KILL");
        awaitExit();
    }

    @Override
    public synchronized void pause() {
        signal("STOP");
    }

    @Override
    public synchronized void resume() {
        signal("CONT");
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
            sync = routeSyncLog == null ? "" : Files.readString(routeSyncLog);
        } catch (IOException e) {
            // the log is only for failure messages
        }
        return (gobgpd == null ? "" : gobgpd.output()) + sync;
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

    private void signal(String signal) {
        if (gobgpd != null && gobgpd.isAlive()) {
            gobgpd.signal(signal);
        }
        if (routeSync != null && routeSync.isAlive()) {
            try {
                new ProcessBuilder("kill", "-s", signal, Long.toString(routeSync.pid())).start().waitFor();
            } catch (IOException e) {
                throw new LabException("cannot signal the route sync of " + node.name() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while signalling " + node.name() + "'s agent", e);
            }
        }
    }

    private void awaitExit() {
        if (gobgpd != null) {
            gobgpd.awaitExit(EXIT_WAIT);
        }
        if (routeSync != null) {
            try {
                routeSync.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
