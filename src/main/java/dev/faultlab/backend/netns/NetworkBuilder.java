package dev.faultlab.backend.netns;

import dev.faultlab.datapath.IpBatch;
import dev.faultlab.datapath.DatapathDefinition;
import dev.faultlab.LabException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds a lab's namespaces and links with as few forks as possible: one {@code ip -batch} creating every
 * namespace, one for the underlay (its bridge, the gateway and every node/client veth, created straight into the
 * target namespace so no name ever appears in the root namespace), then one {@code ip} (+ one {@code bridge})
 * batch per node and per pod, nodes in parallel. Veths are created from the side that already exists, so each
 * namespace is configured by exactly one batch.
 *
 * <pre>
 *  [underlay: br0 192.168.100.1, blackhole default]
 *     |-- node-1 (eth0 .11) -- cni0 10.244.1.1/24 -- vethpod-1-a == eth0 [pod-1-a 10.244.1.2]
 *     |-- node-2 (eth0 .12) -- cni0 10.244.2.1/24 -- ...
 *     '-- client (eth0 .100)
 * </pre>
 */
final class NetworkBuilder {
    private static final Map<String, String> NODE_SYSCTLS = Map.of(
            "net.ipv4.ip_forward", "1",
            "net.bridge.bridge-nf-call-iptables", "1");
    private static final Map<String, String> GATEWAY_SYSCTLS = Map.of("net.ipv4.ip_forward", "1");

    private static final int UNDERLAY_MTU = 1500;

    private final LabRuntime lab;
    private final DatapathDriver driver;
    private final int podMtu;

    NetworkBuilder(LabRuntime lab, DatapathDriver driver) {
        this.lab = lab;
        this.driver = driver;
        this.podMtu = DatapathDefinition.of(lab.plan().spec().datapath()).podMtu();
    }

    /** Creates every namespace (each recorded in the state directory first). */
    void createNamespaces() {
        IpBatch root = IpBatch.ip();
        for (String ns : lab.plan().namespaces()) {
            lab.state().recordNamespace(ns);
            root.add("netns", "add", ns);
        }
        lab.commands().run(root, null);
    }

    /** The underlay bridge, the default gateway with its blackhole default route, and a veth per node/client. */
    void buildUnderlay() {
        LabPlan plan = lab.plan();
        IpBatch batch = IpBatch.ip()
                .add("link", "set", "lo", "up")
                .add("link", "add", LabPlan.UNDERLAY_BRIDGE, "type", "bridge")
                .add("link", "set", LabPlan.UNDERLAY_BRIDGE, "up")
                .add("addr", "add", LabPlan.UNDERLAY_GATEWAY + "/24", "dev", LabPlan.UNDERLAY_BRIDGE)
                .add("route", "add", "blackhole", "default");
        List<String> veths = new ArrayList<>();
        for (LabPlan.NodePlan node : plan.nodes()) {
            batch.add("link", "add", node.name(), "type", "veth", "peer", "name", "eth0", "address",
                    node.underlayMac(), "netns", node.namespace());
            join(batch, node.name());
            veths.add(node.name());
        }
        for (LabPlan.ClientPlan client : plan.clients()) {
            batch.add("link", "add", client.name(), "type", "veth", "peer", "name", "eth0", "netns",
                    client.namespace());
            join(batch, client.name());
            veths.add(client.name());
        }
        lab.commands().run(batch, plan.underlay());
        lab.commands().tune(plan.underlay(), GATEWAY_SYSCTLS, veths);
    }

    private static void join(IpBatch underlay, String name) {
        underlay.add("link", "set", name, "master", LabPlan.UNDERLAY_BRIDGE, "up");
    }

    /** Nodes (with their pods) and clients, in parallel. */
    void buildHosts() {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (LabPlan.NodePlan node : lab.plan().nodes()) {
            tasks.add(() -> {
                buildNode(node);
                return null;
            });
        }
        for (LabPlan.ClientPlan client : lab.plan().clients()) {
            tasks.add(() -> {
                buildEndpoint(client.namespace(), client.ip() + "/24", LabPlan.UNDERLAY_GATEWAY, UNDERLAY_MTU);
                return null;
            });
        }
        runAll(tasks);
    }

    private void buildNode(LabPlan.NodePlan node) {
        IpBatch ip = IpBatch.ip()
                .add("link", "set", "lo", "up")
                .add("addr", "add", node.underlayIp() + "/24", "dev", "eth0")
                .add("link", "set", "eth0", "up")
                .add("route", "add", "default", "via", LabPlan.UNDERLAY_GATEWAY)
                .add("link", "add", "cni0", "type", "bridge")
                .add("addr", "add", node.podGateway() + "/24", "dev", "cni0")
                .add("link", "set", "cni0", "up");
        List<String> veths = new ArrayList<>(List.of("eth0"));
        List<LabPlan.PodPlan> pods = lab.plan().podsOn(node);
        for (LabPlan.PodPlan pod : pods) {
            ip.add("link", "add", pod.hostVeth(), "mtu", Integer.toString(podMtu), "type", "veth",
                            "peer", "name", "eth0", "netns", pod.namespace())
                    .add("link", "set", pod.hostVeth(), "master", "cni0", "up")
                    .add("link", "set", "dev", pod.hostVeth(), "type", "bridge_slave", "hairpin", "on");
            veths.add(pod.hostVeth());
        }
        IpBatch bridge = IpBatch.bridge();
        driver.configureNode(lab, node, ip, bridge);
        lab.commands().run(ip, node.namespace());
        lab.commands().run(bridge, node.namespace());
        lab.commands().tune(node.namespace(), NODE_SYSCTLS, veths);
        for (LabPlan.PodPlan pod : pods) {
            buildEndpoint(pod.namespace(), pod.ip() + "/24", node.podGateway(), podMtu);
        }
    }

    /** A pod or client: eth0 with its address, MTU and a default route. */
    private void buildEndpoint(String namespace, String cidr, String gateway, int mtu) {
        lab.commands().configureEndpoint(namespace, cidr, gateway, mtu);
    }

    /** The {@code ip} commands of an endpoint, for {@link HostCommands} that fork them. */
    static IpBatch endpointBatch(String cidr, String gateway, int mtu) {
        return IpBatch.ip()
                .add("link", "set", "lo", "up")
                .add("addr", "add", cidr, "dev", "eth0")
                .add("link", "set", "eth0", "mtu", Integer.toString(mtu), "up")
                .add("route", "add", "default", "via", gateway);
    }

    /** Runs tasks on a small pool; the first failure is rethrown after all have finished. */
    static void runAll(List<Callable<Void>> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(8, tasks.size())));
        try {
            List<Future<Void>> futures = pool.invokeAll(tasks);
            for (Future<Void> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new LabException(e.getCause().getMessage(), e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while building the lab", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
