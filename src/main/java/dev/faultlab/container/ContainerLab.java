package dev.faultlab.container;

import dev.faultlab.backend.Cluster;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.backend.LabProcess;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.capture.CaptureRequest;
import dev.faultlab.capture.LiveCapture;
import dev.faultlab.topology.ClusterLayout;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A running container lab (docker or k3s backend): hosts are containers or namespaces in them, commands run through
 * the Docker exec API, captures join a container's namespace through {@code /proc/<pid>/ns/net}. Everything it
 * holds is removed on {@link #close()}, which also runs at JVM shutdown.
 */
final class ContainerLab implements Cluster {
    private final ClusterLayout layout;
    private final Map<String, HostTarget> hosts;
    private final LabAgents agents;
    private final NamespaceCaptures captureStarter;
    private final AtomicInteger processCount = new AtomicInteger();
    private final LabLifecycle lifecycle;

    /**
     * @param layout     what the lab looks like
     * @param hosts      host name to where it lives
     * @param resources  containers, network and clients, removed on close
     * @param agents     the node agent of a node
     * @param captures   starts a live capture in a namespace given as a file
     */
    public ContainerLab(ClusterLayout layout, Map<String, HostTarget> hosts, Resources resources,
                        Function<String, NodeAgent> agents, NamespaceCaptures captures) {
        this.layout = layout;
        this.hosts = Map.copyOf(hosts);
        this.agents = new LabAgents(layout, agents);
        this.captureStarter = captures;
        this.lifecycle = new LabLifecycle(layout.labId(), resources::close);
    }

    /**
     * What a container lab made or opened so far; a failed bring-up closes exactly this.
     *
     * @param containers containers, removed together
     * @param network    the underlay network (null before it exists)
     * @param clients    API clients and the like, closed first
     */
    public record Resources(List<GenericContainer<?>> containers, Network network, List<AutoCloseable> clients) {
        public Resources {
            containers = List.copyOf(containers);
            clients = List.copyOf(clients);
        }

        public void close() {
            for (AutoCloseable client : clients) {
                try {
                    client.close();
                } catch (Exception e) {
                    // a client that cannot close cleanly holds nothing the lab must remove
                }
            }
            LabContainers.stopAll(containers);
            if (network != null) {
                try {
                    network.close();
                } catch (RuntimeException e) {
                    // the network is already gone (removed by a reaper or by hand)
                }
            }
        }
    }

    /** Starts a live capture in the namespace behind {@code netnsFile} (the capture module's NamespaceCapture). */
    @FunctionalInterface
    public interface NamespaceCaptures {
        LiveCapture start(String host, java.nio.file.Path netnsFile, CaptureRequest request);
    }

    @Override
    public ClusterLayout layout() {
        return layout;
    }

    @Override
    public ExecResult exec(String host, List<String> argv, Duration timeout) {
        HostTarget target = target(host);
        target.container().stageExecutable(argv);
        ExecResult result = target.container().exec(target.command(argv), timeout);
        return new ExecResult(argv, result.exitCode(), result.stdout(), result.stderr());
    }

    @Override
    public LabProcess start(String host, List<String> argv) {
        HostTarget target = target(host);
        target.container().stageExecutable(argv);
        String pidFile = "/var/lib/faultlab/process-" + processCount.incrementAndGet() + ".pid";
        return lifecycle.process(target.container().start(host, target.command(argv), pidFile));
    }

    @Override
    public NodeAgent agent(String node) {
        return agents.of(node);
    }

    @Override
    public LiveCapture capture(String host, CaptureRequest request) {
        return lifecycle.capture(captureStarter.start(host, target(host).netnsFile(), request));
    }

    @Override
    public void close() {
        lifecycle.close();
    }

    private HostTarget target(String host) {
        HostTarget target = hosts.get(host);
        if (target == null) {
            throw new IllegalArgumentException("no host '" + host + "' in lab " + layout.labId()
                    + ": use one of " + hosts.keySet());
        }
        return target;
    }
}
