package dev.faultlab.backend.netns;

import dev.faultlab.datapath.Commands;
import dev.faultlab.backend.Cluster;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.backend.LabProcess;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.capture.CaptureRequest;
import dev.faultlab.capture.LiveCapture;
import dev.faultlab.capture.live.NamespaceCapture;
import dev.faultlab.topology.ClusterLayout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A lab built from Linux network namespaces on this host (see {@link NetworkBuilder} for the picture). Closing it
 * removes every namespace, link, rule and process it made; a shutdown hook does the same when the JVM exits
 * (Ctrl-C, test failure), unless the lab was {@linkplain #detach() detached} by {@code faultlab lab up}.
 */
public final class NetnsCluster implements Cluster {
    private final LabRuntime lab;
    private final ClusterLayout layout;
    private final Map<String, NodeAgent> agents;
    private final List<LiveCapture> captures = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    NetnsCluster(LabRuntime lab, ClusterLayout layout, Map<String, NodeAgent> agents) {
        this.lab = lab;
        this.layout = layout;
        this.agents = Map.copyOf(agents);
        this.shutdownHook = new Thread(this::close, "faultlab-close-" + layout.labId());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public ClusterLayout layout() {
        return layout;
    }

    /** The namespace file of a host (e.g. {@code /run/netns/flab12cd-node-1}), for setns-based tools. */
    public Path netnsFile(String host) {
        return lab.plan().netnsFile(host);
    }

    /** The namespace name of a host, for {@code ip -n}. */
    public String namespace(String host) {
        return lab.plan().namespaceOf(host);
    }

    /** The lab's state directory (owner, namespaces, processes, agent leases and logs). */
    public Path stateDir() {
        return lab.state().dir();
    }

    @Override
    public ExecResult exec(String host, List<String> argv, Duration timeout) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace(host)));
        command.addAll(argv);
        return Commands.run(command, null, timeout);
    }

    @Override
    public LabProcess start(String host, List<String> argv) {
        return lab.processes().start(host, namespace(host), argv);
    }

    @Override
    public NodeAgent agent(String node) {
        NodeAgent agent = agents.get(node);
        if (agent == null) {
            throw new IllegalArgumentException("no node '" + node + "' in lab " + layout.labId()
                    + ": nodes are " + agents.keySet());
        }
        return agent;
    }

    @Override
    public LiveCapture capture(String host, CaptureRequest request) {
        LiveCapture capture = NamespaceCapture.start(host, netnsFile(host), request);
        captures.add(capture);
        return capture;
    }

    /**
     * Leaves the lab running after this JVM exits ({@code faultlab lab up}); {@code faultlab lab down} removes it.
     */
    public void detach() {
        lab.state().markDetached();
        removeShutdownHook();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (LiveCapture capture : captures) {
            try {
                capture.stop();
            } catch (RuntimeException e) {
                // the capture's namespace is about to go; removing the lab matters more than its counters
            }
        }
        // agents keep no state worth a graceful stop: the teardown SIGKILLs the agent host, its threads (every
        // node's agent) with it, and the speakers, all at once rather than agent by agent
        LabTeardown.remove(lab.state());
        removeShutdownHook();
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is what is running us
        }
    }
}
