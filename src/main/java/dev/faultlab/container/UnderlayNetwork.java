package dev.faultlab.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network.Ipam;
import dev.faultlab.LabException;
import org.testcontainers.containers.Network;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The lab's "physical" network: a user-defined Docker bridge network without masquerading, holding the node,
 * client and gateway containers; their default routes go to the lab's gateway container, whose default route is a
 * blackhole, so nothing leaves the lab. Not an {@code --internal} network: Docker drops forwarded packets whose
 * addresses lie outside an internal network's subnet, and the bgp datapath sends pod addresses over the underlay
 * unencapsulated, as on a real routed cluster. Its host-side bridge is named {@code <labId>-ul} so it carries the lab's
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

    /** Creates the network on the first free subnet; one another lab took meanwhile is skipped. */
    public static UnderlayNetwork create(DockerClient client, LabLabels labels) {
        Set<String> tried = new HashSet<>();
        while (true) {
            String prefix = freePrefix(client, tried);
            Network network = Network.builder().driver("bridge").createNetworkCmdModifier(cmd -> cmd
                    .withName(labels.labId() + "-underlay")
                    .withLabels(new HashMap<>(labels.forNetwork()))
                    .withOptions(Map.of("com.docker.network.bridge.name", labels.labId() + "-ul",
                            "com.docker.network.bridge.enable_ip_masquerade", "false"))
                    .withIpam(new Ipam().withConfig(new Ipam.Config().withSubnet(prefix + "0/24")
                            .withGateway(prefix + "254")))).build();
            try {
                network.getId();
                return new UnderlayNetwork(labels.labId(), prefix, network);
            } catch (RuntimeException e) {
                if (!String.valueOf(e.getMessage()).contains("overlap")) {
                    throw new LabException("cannot create the lab's docker network: " + e.getMessage(), e);
                }
                tried.add(prefix);
            }
        }
    }

    private static String freePrefix(DockerClient client, Set<String> tried) {
        Set<String> taken = new HashSet<>();
        client.listNetworksCmd().exec().stream()
                .map(com.github.dockerjava.api.model.Network::getIpam).filter(Objects::nonNull)
                .map(Ipam::getConfig).filter(Objects::nonNull)
                .forEach(configs -> configs.forEach(c -> taken.add(c.getSubnet())));
        for (int third = FIRST_THIRD_OCTET; third <= LAST_THIRD_OCTET; third++) {
            String prefix = "192.168." + third + ".";
            if (!taken.contains(prefix + "0/24") && !tried.contains(prefix)) {
                return prefix;
            }
        }
        throw new LabException("no free underlay subnet in 192.168." + FIRST_THIRD_OCTET + "-" + LAST_THIRD_OCTET
                + ".0/24: close other labs or remove unused docker networks ('docker network prune')");
    }
}
