package dev.faultlab.container;

import dev.faultlab.backend.Cluster;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.capture.live.NamespaceCapture;
import dev.faultlab.topology.ClientInfo;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.ClusterLayout;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The steps every container lab's bring-up shares (docker and k3s backends): a fresh lab id, stale labs reaped,
 * the underlay network, containers started in parallel and recorded for cleanup, the gateway and client containers
 * routed into the lab, and on failure removal of everything made so far ({@link #abort()}).
 */
public final class LabBringUp {
    /** The gateway's host name, as in the netns backend. */
    public static final String GATEWAY = "underlay";

    private final LabLabels labels;
    private final UnderlayNetwork underlay;
    private final LabContainers factory;
    private final List<GenericContainer<?>> started = new ArrayList<>();
    private final List<AutoCloseable> clients = new ArrayList<>();
    private final Map<String, HostTarget> hosts = new LinkedHashMap<>();

    private LabBringUp(LabLabels labels, UnderlayNetwork underlay) {
        this.labels = labels;
        this.underlay = underlay;
        this.factory = new LabContainers(labels, underlay);
    }

    /** Reaps stale labs, then makes the underlay of a new lab. */
    public static LabBringUp begin() {
        StaleLabReaper.reap(DockerClientFactory.instance().client());
        LabLabels labels = LabLabels.ownedByThisProcess("fl" + HexFormat.of().formatHex(new SecureRandom()
                .generateSeed(3)));
        return new LabBringUp(labels, UnderlayNetwork.create(DockerClientFactory.instance().client(), labels));
    }

    public String labId() {
        return labels.labId();
    }

    public UnderlayNetwork underlay() {
        return underlay;
    }

    public LabContainers containers() {
        return factory;
    }

    /** Something to close with the lab (an API client). */
    public void closeWithLab(AutoCloseable client) {
        clients.add(client);
    }

    /**
     * Runs {@code work} for every item at once and waits for all: each step is a Docker round trip, so hosts are
     * set up side by side. The first failure is rethrown after all have finished.
     */
    public static <T> void inParallel(List<T> items, Consumer<T> work) {
        List<CompletableFuture<Void>> all = items.stream()
                .map(item -> CompletableFuture.runAsync(() -> work.accept(item))).toList();
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Starts containers in parallel (each start waits for Docker); all are recorded first, for cleanup. */
    public Map<String, ContainerNode> startAll(Map<String, ? extends GenericContainer<?>> containers) {
        started.addAll(containers.values());
        inParallel(List.copyOf(containers.entrySet()), e -> LabContainers.start(e.getKey(), e.getValue()));
        Map<String, ContainerNode> nodes = new LinkedHashMap<>();
        containers.forEach((host, container) -> {
            ContainerNode node = new ContainerNode(host, container);
            nodes.put(host, node);
            hosts.put(host, HostTarget.of(node));
        });
        return nodes;
    }

    /** Definitions of the gateway (blackhole default route) and client containers, from the node image. */
    public Map<String, GenericContainer<?>> defineGatewayAndClients(String image, List<ClientInfo> clientHosts) {
        Map<String, GenericContainer<?>> defined = new LinkedHashMap<>();
        defined.put(GATEWAY, factory.define(image, GATEWAY, underlay.gateway(), LabContainers.NODE_SYSCTLS));
        clientHosts.forEach(c -> defined.put(c.name(), factory.define(image, c.name(), c.ip(), Map.of())));
        return defined;
    }

    /** The clients of a spec on the underlay ({@code .100}, {@code .101}, ... or after the last node). */
    public List<ClientInfo> clients(ClusterSpec spec) {
        List<ClientInfo> clientHosts = new ArrayList<>();
        List<String> names = spec.clients();
        for (int j = 0; j < names.size(); j++) {
            clientHosts.add(new ClientInfo(names.get(j), underlay.address(spec.clientHost(j))));
        }
        return clientHosts;
    }

    /**
     * Makes the gateway a sink (blackhole default route) and sends {@code routedHosts}' default route to it, so
     * nothing leaves the lab and traffic to unknown destinations is silently lost, as in the field.
     */
    public void routeThroughGateway(List<String> routedHosts) {
        hosts.get(GATEWAY).container().run("ip", "route", "replace", "blackhole", "default");
        inParallel(routedHosts, h -> hosts.get(h).container().run("ip", "route", "replace", "default", "via",
                underlay.gateway()));
    }

    public void addHost(String host, HostTarget target) {
        hosts.put(host, target);
    }

    public HostTarget host(String host) {
        return hosts.get(host);
    }

    /** The running lab; from here on, its close removes everything. */
    public Cluster finish(ClusterLayout layout, Function<String, NodeAgent> agents) {
        return new ContainerLab(layout, hosts, resources(), agents, NamespaceCapture::start);
    }

    /** Removes everything made so far; call when bring-up fails. */
    public void abort() {
        resources().close();
    }

    private ContainerLab.Resources resources() {
        return new ContainerLab.Resources(started, underlay.network(), clients);
    }
}
