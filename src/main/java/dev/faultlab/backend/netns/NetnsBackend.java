package dev.faultlab.backend.netns;

import dev.faultlab.datapath.AgentHost;
import dev.faultlab.datapath.DatapathDefinition;
import dev.faultlab.datapath.JavaMain;
import dev.faultlab.datapath.KubeProxyRules;
import dev.faultlab.backend.Backend;
import dev.faultlab.backend.BackendSettings;
import dev.faultlab.backend.Cluster;
import dev.faultlab.backend.HostCheck;
import dev.faultlab.backend.LabEntry;
import dev.faultlab.LabException;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.datapath.ClusterServices;
import dev.faultlab.topology.ClientInfo;
import dev.faultlab.topology.ClusterLayout;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.NodeInfo;
import dev.faultlab.topology.PodInfo;
import dev.faultlab.topology.ServiceInfo;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The embedded default backend: a cluster of Linux network namespaces on this host (no containers, no VMs),
 * built in well under a second. Every start first reaps labs whose owner JVM died without cleaning up.
 */
public final class NetnsBackend implements Backend {
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Path stateRoot;
    private final BringUpListener listener;
    private final HostCommands commands;

    public NetnsBackend() {
        this(BackendSettings.fromEnvironment().stateDir(), BringUpListener.NONE);
    }

    /** @param stateRoot where lab state directories live; null = {@link LabStateDir#DEFAULT_ROOT} */
    NetnsBackend(Path stateRoot, BringUpListener listener) {
        this(stateRoot, listener, HostCommands.BATCHED);
    }

    /** For benchmarks: a private state root, phase timings, and how commands reach the kernel. */
    public NetnsBackend(Path stateRoot, BringUpListener listener, HostCommands commands) {
        this.stateRoot = stateRoot != null ? stateRoot : LabStateDir.DEFAULT_ROOT;
        this.listener = listener;
        this.commands = commands;
    }

    /** The same backend keeping its labs' records in the chosen state directory. */
    @Override
    public NetnsBackend with(BackendSettings settings) {
        return new NetnsBackend(settings.stateDir(), listener, commands);
    }

    @Override
    public String name() {
        return "netns";
    }

    @Override
    public String unavailableReason() {
        // a datapath's own tools (gobgpd) are checked when a lab with that datapath starts
        return Preflight.baseProblems().stream().findFirst().orElse(null);
    }

    /** Root, tools (those of every installed datapath and BGP speaker) and kernel features. */
    @Override
    public List<HostCheck> doctor() {
        return Doctor.run();
    }

    /** Namespaces and agent processes outlive faultlab; the state directory records them for lab ls and down. */
    @Override
    public boolean leavesLabsRunning() {
        return true;
    }

    /** The lab's state directory is marked detached: lab ls shows it, lab down removes it. */
    @Override
    public void detach(Cluster lab) {
        ((NetnsCluster) lab).detach();
    }

    /** The host's network namespace, e.g. {@code fl1a2b3c-node-1}. */
    @Override
    public String handle(Cluster lab, String host) {
        return ((NetnsCluster) lab).namespace(host);
    }

    @Override
    public String execHint(Cluster lab) {
        return "ip netns exec " + lab.id() + "-<host> <command>";
    }

    @Override
    public List<LabEntry> labs() {
        return labsOnThisHost().list().stream().map(l -> new LabEntry(l.labId(), l.status(), l.ownerPid(),
                l.namespaces(), l.summary())).toList();
    }

    @Override
    public List<String> down(String labId) {
        return labsOnThisHost().down(labId);
    }

    @Override
    public List<String> downAll() {
        return labsOnThisHost().downAll();
    }

    private NetnsLabs labsOnThisHost() {
        return new NetnsLabs(stateRoot);
    }

    @Override
    public NetnsCluster start(ClusterSpec spec) {
        DatapathDriver driver = Preflight.driver(spec.datapath());
        Preflight.firstProblem(driver).ifPresent(p -> {
            throw new LabException(p);
        });
        Path root = stateRoot;
        reapStale(root);
        String labId = newLabId(root);
        LabPlan plan = LabPlan.of(labId, spec);
        List<ServiceInfo> services = services(spec, plan);
        LabStateDir state = LabStateDir.create(root, labId, ProcessIdentity.self());
        ProcessTracker processes = new ProcessTracker(state);
        LabRuntime lab = new LabRuntime(plan, state, processes, commands, new AgentHost(labId, state.dir(),
                () -> processes.startOnHost("agent-host", JavaMain.command(AgentHostMain.class,
                        List.of(labId, state.dir().toString())))));
        Thread rollbackOnExit = new Thread(() -> rollback(lab), "faultlab-rollback-" + labId);
        Runtime.getRuntime().addShutdownHook(rollbackOnExit);
        try {
            NetnsCluster cluster = build(lab, driver, services);
            Runtime.getRuntime().removeShutdownHook(rollbackOnExit);
            return cluster;
        } catch (RuntimeException | Error e) {
            removeHook(rollbackOnExit);
            lab.processes().closeAll();
            LabTeardown.removeKeepingLogs(lab.state());
            throw e;
        }
    }

    private NetnsCluster build(LabRuntime lab, DatapathDriver driver, List<ServiceInfo> services) {
        LabPlan plan = lab.plan();
        ClusterSpec spec = plan.spec();
        lab.state().writeSummary(spec.datapath().id() + " nodes=" + spec.nodes() + " podsPerNode="
                + spec.podsPerNode() + " clients=" + String.join(",", spec.clients()));
        PhaseClock clock = new PhaseClock(plan.labId(), listener);
        NetworkBuilder builder = new NetworkBuilder(lab, driver);
        builder.createNamespaces();
        clock.done("namespaces");
        builder.buildUnderlay();
        clock.done("underlay");
        Map<String, String> notes = new HashMap<>(driver.prepare(lab));
        clock.done("prepare");
        builder.buildHosts();
        clock.done("hosts");
        programServices(plan, services);
        clock.done("services");
        Map<String, NodeAgent> agents = driver.startAgents(lab);
        clock.done("agents");
        notes.put("stateDir", lab.state().dir().toString());
        ClusterLayout layout = new ClusterLayout(plan.labId(), name(), spec.datapath(),
                plan.nodes().stream().map(n -> new NodeInfo(n.name(), n.underlayIp(), n.podCidr(),
                        DatapathDefinition.of(spec.datapath()).tunnelDevice().orElse(null))).toList(),
                plan.pods().stream().map(p -> new PodInfo(p.name(), p.node().name(), p.ip())).toList(),
                plan.clients().stream().map(c -> new ClientInfo(c.name(), c.ip())).toList(),
                services, notes);
        return new NetnsCluster(lab, layout, agents);
    }

    /** kube-proxy's rules on every node, one iptables-restore each, nodes in parallel. */
    private static void programServices(LabPlan plan, List<ServiceInfo> services) {
        if (services.isEmpty()) {
            return;
        }
        Map<String, String> podIps = plan.pods().stream()
                .collect(Collectors.toMap(LabPlan.PodPlan::name, LabPlan.PodPlan::ip));
        NetworkBuilder.runAll(plan.nodes().stream().<java.util.concurrent.Callable<Void>>map(node -> () -> {
            String rules = KubeProxyRules.forNode(services, podIps, pod -> plan.pod(pod).node().name(),
                    node.name(), ClusterServices.CLUSTER_CIDR);
            NamespaceTuning.runInside(node.namespace(), List.of("iptables-restore", "-w", "5"), rules).orThrow();
            return null;
        }).toList());
    }

    /** ClusterIPs 10.96.0.10, .11, ... in spec order; endpoints must be pods of the lab. */
    private static List<ServiceInfo> services(ClusterSpec spec, LabPlan plan) {
        return ClusterServices.assign(spec, plan.pods().stream().map(LabPlan.PodPlan::name)
                .collect(Collectors.toSet()));
    }

    /** Removes labs whose owner JVM is gone and which were not detached (e.g. the owner was SIGKILLed). */
    static List<String> reapStale(Path root) {
        List<String> reaped = new ArrayList<>();
        for (LabStateDir lab : LabStateDir.all(root)) {
            if (lab.stale()) {
                try {
                    LabTeardown.remove(lab);
                    reaped.add(lab.labId());
                } catch (UncheckedIOException e) {
                    // another lab starting beside this one reaped it at the same time: gone either way
                }
            }
        }
        return reaped;
    }

    private static String newLabId(Path root) {
        SecureRandom random = new SecureRandom();
        while (true) {
            StringBuilder id = new StringBuilder("fl");
            for (int i = 0; i < 6; i++) {
                id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
            }
            String labId = id.toString();
            if (!Files.exists(root.resolve(labId)) && !Files.exists(LabTeardown.netnsFile(labId + "-underlay"))) {
                return labId;
            }
        }
    }

    private static void rollback(LabRuntime lab) {
        lab.processes().closeAll();
        LabTeardown.remove(lab.state());
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is exiting and the hook rolls back itself
        }
    }

    /** Measures consecutive bring-up phases for the listener. */
    private static final class PhaseClock {
        private final String labId;
        private final BringUpListener listener;
        private long last = System.nanoTime();

        PhaseClock(String labId, BringUpListener listener) {
            this.labId = labId;
            this.listener = listener;
        }

        void done(String phase) {
            long now = System.nanoTime();
            listener.phaseDone(labId, phase, Duration.ofNanos(now - last));
            last = now;
        }
    }
}
