package dev.faultlab.backend.kube;

import dev.faultlab.kubelab.KubeLab;
import dev.faultlab.backend.Cluster;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.backend.LabProcess;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.container.LabAgents;
import dev.faultlab.container.LabLifecycle;
import dev.faultlab.capture.CaptureRequest;
import dev.faultlab.capture.LiveCapture;
import dev.faultlab.topology.ClusterLayout;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A lab on an existing cluster: node commands run in the node's agent pod (host network and pids), pod commands in
 * the same agent pod entered into the pod's namespace with nsenter (so the workload binary and the snapshot tools
 * come from the agent image, as on every backend). Closing removes everything the lab created.
 */
final class KubeCluster implements Cluster {
    private static final String WORK_DIR = "/tmp/faultlab/";

    private final ClusterLayout layout;
    private final KubernetesClient client;
    private final KubeLab lab;
    private final Map<String, AgentPod> agentOfHost;
    private final Map<String, List<String>> prefixOfHost;
    private final LabAgents agents;
    private final AtomicInteger count = new AtomicInteger();
    private final Set<String> staged = ConcurrentHashMap.newKeySet();
    private final LabLifecycle lifecycle;

    /**
     * @param agentOfHost  the agent pod that runs a host's commands (a node's own, a pod's node's)
     * @param prefixOfHost what enters a host from its agent pod (empty for nodes, nsenter for pods)
     */
    KubeCluster(ClusterLayout layout, KubernetesClient client, KubeLab lab, Map<String, AgentPod> agentOfHost,
                Map<String, List<String>> prefixOfHost, Function<String, NodeAgent> agents) {
        this.layout = layout;
        this.client = client;
        this.lab = lab;
        this.agentOfHost = Map.copyOf(agentOfHost);
        this.prefixOfHost = Map.copyOf(prefixOfHost);
        this.agents = new LabAgents(layout, agents);
        this.lifecycle = new LabLifecycle(layout.labId(), () -> {
            try {
                lab.close();
            } finally {
                client.close();
            }
        });
    }

    @Override
    public ClusterLayout layout() {
        return layout;
    }

    @Override
    public ExecResult exec(String host, List<String> argv, Duration timeout) {
        AgentPod agent = agentPodFor(host);
        stageExecutable(agent, argv);
        ExecResult result = agent.exec(command(host, argv), timeout);
        return new ExecResult(argv, result.exitCode(), result.stdout(), result.stderr());
    }

    @Override
    public LabProcess start(String host, List<String> argv) {
        AgentPod agent = agentPodFor(host);
        stageExecutable(agent, argv);
        agent.exec(List.of("mkdir", "-p", WORK_DIR), Duration.ofSeconds(10));
        return lifecycle.process(agent.start(host, command(host, argv), WORK_DIR + layout.labId() + "-"
                + count.incrementAndGet() + ".pid"));
    }

    @Override
    public NodeAgent agent(String node) {
        return agents.of(node);
    }

    @Override
    public LiveCapture capture(String host, CaptureRequest request) {
        AgentPod agent = agentPodFor(host);
        agent.exec(List.of("mkdir", "-p", WORK_DIR), Duration.ofSeconds(10));
        String base = WORK_DIR + layout.labId() + "-" + count.incrementAndGet();
        return lifecycle.capture(TcpdumpCapture.start(host, prefixOfHost.get(host), request, agent, base + ".pcap",
                base + ".pid"));
    }

    @Override
    public void close() {
        lifecycle.close();
    }

    /**
     * A command whose program is a file on this machine (the static workload binary) runs from the same path in
     * the agent pod: the file is uploaded once per agent pod.
     */
    private void stageExecutable(AgentPod agent, List<String> argv) {
        Path program = Path.of(argv.get(0));
        if (program.isAbsolute() && Files.isRegularFile(program) && staged.add(agent.pod() + ":" + program)) {
            agent.upload(program);
        }
    }

    /** The agent pod that runs {@code host}'s commands; one line naming the lab's hosts if there is none. */
    AgentPod agentPodFor(String host) {
        AgentPod agent = agentOfHost.get(host);
        if (agent == null) {
            throw new IllegalArgumentException("no host '" + host + "' in lab " + layout.labId() + ": use one of "
                    + agentOfHost.keySet());
        }
        return agent;
    }

    /** {@code argv} as the agent pod runs it for {@code host} (entered into a pod's namespace). */
    List<String> command(String host, List<String> argv) {
        List<String> command = new ArrayList<>(prefixOfHost.get(host));
        command.addAll(argv);
        return command;
    }
}
