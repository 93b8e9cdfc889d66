package dev.faultlab.datapath;

import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.NodeInfo;

import java.util.List;
import java.util.Optional;

/**
 * How one overlay datapath is programmed on a node: the tunnel device it makes, and the FDB, neighbor and route
 * entries that send a peer's pod CIDR to that peer. This is the single definition of a datapath's commands: the
 * container backends' in-JVM {@link OverlayAgent} and the netns backend's agent process and drivers all run these
 * plans (the netns backend through {@code ip -batch}). Implementations are ServiceLoader services, one per datapath
 * ({@link OverlayPrograms#of(Datapath)}), so adding a datapath adds a class and a line, nothing else.
 */
public interface OverlayProgram {
    Datapath datapath();

    /** What the agent programming it is called in the field, e.g. {@code flanneld}; {@code NodeAgent.kind()}. */
    String agentKind();

    /** The tunnel device pod traffic leaves the node by, e.g. {@code flannel.1}. */
    String device();

    /** The MTU of pods' interfaces: the tunnel's, as the CNI sets it, so pods never send what the tunnel drops. */
    int podMtu();

    /** Commands that create and raise the tunnel device on {@code node}, with a kernel-chosen random MAC. */
    default List<List<String>> device(NodeInfo node, String underlayDevice) {
        return device(node, underlayDevice, Optional.empty());
    }

    /** Commands that create and raise the tunnel device on {@code node}, with {@code mac} when given. */
    List<List<String>> device(NodeInfo node, String underlayDevice, Optional<String> mac);

    /** Commands that configure an existing tunnel device (MTU, the node's address on it) and set it up. */
    List<List<String>> raise(NodeInfo node);

    /**
     * Commands (idempotent: replace, not add) that make {@code node} send {@code peer}'s pods into the tunnel:
     * the FDB entry first, then the neighbor entry, then the route, all PERMANENT.
     */
    List<List<String>> peer(VtepLease peer);

    /** The route alone of {@link #peer}, for a tunnel that needs no neighbor or FDB entries (a real ipip device). */
    List<String> route(VtepLease peer);

    /** Commands that drop what a peer's superseded lease left behind (its old MAC's FDB entry). */
    List<List<String>> retire(VtepLease old);
}
