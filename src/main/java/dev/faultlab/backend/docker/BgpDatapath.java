package dev.faultlab.backend.docker;

import dev.faultlab.LabException;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.container.ContainerNode;
import dev.faultlab.container.LabBringUp;
import dev.faultlab.datapath.AgentHost;
import dev.faultlab.datapath.GobgpConfig;
import dev.faultlab.datapath.JavaMain;
import dev.faultlab.topology.BgpDaemon;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.NodeInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * kube-router style BGP in node containers: gobgpd (from the node image) per container in an iBGP full mesh with the
 * netns backend's configuration, and the shared route sync, one thread per node of the lab's one agent host
 * ({@link DockerAgentHostMain}), joined to each container's network namespace.
 * Bring-up waits until every node has a route to every other node's pod CIDR (GoBGP's first connect alone takes
 * a random 5-9 s).
 */
public final class BgpDatapath implements DockerDatapath {
    static final String CONFIG = "/var/lib/faultlab/gobgpd.toml";
    private static final long CONVERGE_MILLIS = 40_000;

    @Override
    public List<Datapath> datapaths() {
        return List.of(Datapath.BGP);
    }

    /** The node image carries only gobgpd: a scenario asking for another speaker is told which one ran. */
    @Override
    public Map<String, String> notes(ClusterSpec spec) {
        BgpDaemon asked = spec.bgp().daemon();
        return asked == BgpDaemon.GOBGPD ? Map.of() : Map.of("bgp speaker", "gobgpd (the docker node image's"
                + " speaker; bgp.daemon " + asked.id() + " runs on the netns backend)");
    }

    @Override
    public Function<String, NodeAgent> start(ClusterSpec spec, List<NodeInfo> nodes,
                                             Map<String, ContainerNode> containers, String underlayDevice,
                                             Consumer<AutoCloseable> closeWithLab) {
        Path routes = routesDir();
        String labId = routes.getFileName().toString();
        AgentHost agentHost = new AgentHost(labId, routes, () -> HostJvm.start("agent-host",
                JavaMain.command(DockerAgentHostMain.class, List.of(labId, routes.toString(),
                        Long.toString(ProcessHandle.current().pid()))),
                routes.resolve("agent-host.log")));
        agentHost.prestart(); // its JVM boots while gobgpd's configurations are written
        Map<String, DockerBgpAgent> agents = new LinkedHashMap<>();
        for (NodeInfo node : nodes) {
            ContainerNode container = containers.get(node.name());
            List<NodeInfo> peers = nodes.stream().filter(n -> n != node).toList();
            // one active side per pair: a node waits for the nodes before it to connect (see GobgpConfig)
            List<String> passive = peers.subList(0, nodes.indexOf(node)).stream().map(NodeInfo::underlayIp).toList();
            container.write(CONFIG, GobgpConfig.toml(node.underlayIp(), peers.stream().map(NodeInfo::underlayIp)
                    .toList(), passive, spec.bgp()));
            DockerBgpAgent agent = new DockerBgpAgent(node, container, spec.bgp(), routes.resolve(node.name()),
                    agentHost);
            closeWithLab.accept(agent::kill);
            agents.put(node.name(), agent);
        }
        // after the agents are killed (closers run in order), or a still running route sync writes its file again
        closeWithLab.accept(agentHost::close);
        closeWithLab.accept(() -> deleteTree(routes));
        LabBringUp.inParallel(List.copyOf(agents.values()), DockerBgpAgent::start);
        awaitConverged(nodes, agents);
        return agents::get;
    }

    private static void awaitConverged(List<NodeInfo> nodes, Map<String, DockerBgpAgent> agents) {
        long deadline = System.nanoTime() + CONVERGE_MILLIS * 1_000_000;
        while (!nodes.stream().allMatch(n -> agents.get(n.name()).installed().containsAll(nodes.stream()
                .filter(p -> p != n).map(NodeInfo::podCidr).toList()))) {
            if (System.nanoTime() > deadline) {
                throw new LabException("BGP did not converge within " + CONVERGE_MILLIS / 1000 + " s: "
                        + agents.values().iterator().next().output().strip());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while BGP converges", e);
            }
        }
    }

    private static Path routesDir() {
        try {
            return Files.createTempDirectory("faultlab-bgp-routes-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for route sync state: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
