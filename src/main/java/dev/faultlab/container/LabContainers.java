package dev.faultlab.container;

import dev.faultlab.LabException;
import com.github.dockerjava.api.model.Capability;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the containers of a container lab: named {@code <labId>-<host>}, labelled for reaping, on the underlay at a
 * fixed address, with the sysctls a Kubernetes node has (forwarding on, reverse-path filter off).
 *
 * <p>Not {@code --privileged}: that asks for every capability, and sandboxed hosts (this CI VM among them) lack
 * CAP_SYS_RESOURCE in their bounding set, so runc refuses to start the container. A node gets every capability but
 * that one, no seccomp/AppArmor filter (for {@code ip netns} mounts), and a writable {@code /proc/sys} (see
 * {@link #makeSysctlsWritable}) because faults set per-namespace sysctls at run time.
 */
public final class LabContainers {
    /** Sysctls every node container starts with. */
    public static final Map<String, String> NODE_SYSCTLS = Map.of(
            "net.ipv4.ip_forward", "1",
            "net.ipv4.conf.all.rp_filter", "0",
            "net.ipv4.conf.default.rp_filter", "0");

    private final LabLabels labels;
    private final UnderlayNetwork underlay;

    public LabContainers(LabLabels labels, UnderlayNetwork underlay) {
        this.labels = labels;
        this.underlay = underlay;
    }

    public UnderlayNetwork underlay() {
        return underlay;
    }

    /** A node-like container (not yet started) of {@code image} for lab host {@code host} at address {@code ip}. */
    public GenericContainer<?> define(String image, String host, String ip, Map<String, String> sysctls) {
        GenericContainer<?> container = place(new GenericContainer<>(DockerImageName.parse(image)), host, ip);
        container.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withSysctls(new HashMap<>(sysctls))
                .withCapAdd(Capability.ALL).withCapDrop(Capability.SYS_RESOURCE)
                .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined")));
        return container;
    }

    /** Puts any container on the underlay at {@code ip}, named {@code <labId>-<host>} and labelled for reaping. */
    public <C extends GenericContainer<?>> C place(C container, String host, String ip) {
        container.withNetwork(underlay.network());
        container.withCreateContainerCmdModifier(cmd -> cmd.withName(labels.labId() + "-" + host).withHostName(host)
                .withLabels(new HashMap<>(labels.forHost(host))).withIpv4Address(ip));
        return container;
    }

    /** Docker mounts {@code /proc/sys} read-only in unprivileged containers; CAP_SYS_ADMIN may remount it. */
    public static void makeSysctlsWritable(ContainerNode node) {
        node.run("mount", "-o", "remount,rw", "/proc/sys");
    }

    /** Starts {@code container}; a failure is one line naming the host and the Docker error. */
    public static void start(String host, GenericContainer<?> container) {
        try {
            container.start();
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new LabException("container for " + host + " did not start: " + root.getMessage(), e);
        }
    }

    /** Stops and removes containers side by side, tolerating ones already gone. */
    public static void stopAll(List<? extends GenericContainer<?>> containers) {
        LabBringUp.inParallel(List.copyOf(containers), c -> {
            try {
                c.stop();
            } catch (RuntimeException e) {
                // already removed (e.g. by the reaper or the user); nothing left to stop
            }
        });
    }
}
