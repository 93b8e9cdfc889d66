package dev.faultlab.backend.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network.Ipam;
import dev.faultlab.backend.LabException;
import org.testcontainers.containers.Network;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The lab's "physical" network: a user-defined, internal Docker bridge network (no NAT, no route out) holding
 * the node, client and gateway containers. Its host-side bridge is named {@code <labId>-ul} so it carries the lab's
 * prefix. The subnet is the contract's {@code 192.168.100.0/24} unless another lab holds it (Docker refuses
 * overlapping networks); then the next free {@code 192.168.x.0/24}. The bridge's own address is {@code .254}, so
 * {@code .1} is free for the lab's gateway container.
 *
 * @param labId    the lab's id
 * @param prefix   the first three octets with a trailing dot, e.g. {@code 192.168.100.}
 * @param network  the Testcontainers network (created on first use)
 */
public record UnderlayNetwork(String labId, String prefix, Network network) {
    private static final int FIRST_THIRD_OCTET = 100;
    private static final int LAST_THIRD_OCTET = 149;

    /** The Docker network's name. */
    public String name() {
        return labId + "-underlay";
    }

    public String address(int lastOctet) {
        return prefix + lastOctet;
    }

    public String gateway() {
        return address(1);
    }

    public static UnderlayNetwork create(DockerClient client, LabLabels labels) {
        String prefix = freePrefix(client);
        String name = labels.labId() + "-underlay";
        Network network = Network.builder().driver("bridge").createNetworkCmdModifier(cmd -> cmd
                .withName(name)
                .withInternal(true)
                .withLabels(new java.util.HashMap<>(labels.forNetwork()))
                .withOptions(java.util.Map.of("com.docker.network.bridge.name", labels.labId() + "-ul",
                        "com.docker.network.bridge.enable_ip_masquerade", "false"))
                .withIpam(new Ipam().withConfig(new Ipam.Config().withSubnet(prefix + "0/24")
                        .withGateway(prefix + "254")))).build();
        network.getId();
        return new UnderlayNetwork(labels.labId(), prefix, network);
    }

    private static String freePrefix(DockerClient client) {
        Set<String> taken = new HashSet<>();
        client.listNetworksCmd().exec().stream()
                .map(com.github.dockerjava.api.model.Network::getIpam).filter(Objects::nonNull)
                .map(Ipam::getConfig).filter(Objects::nonNull)
                .forEach(configs -> configs.forEach(c -> taken.add(c.getSubnet())));
        for (int third = FIRST_THIRD_OCTET; third <= LAST_THIRD_OCTET; third++) {
            String prefix = "192.168." + third + ".";
            if (!taken.contains(prefix + "0/24")) {
                return prefix;
            }
        }
        throw new LabException("no free underlay subnet in 192.168." + FIRST_THIRD_OCTET + "-" + LAST_THIRD_OCTET
                + ".0/24: close other labs or remove unused docker networks ('docker network prune')");
    }
}
