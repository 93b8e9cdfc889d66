package dev.faultlab.backend.nodenet;

import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.NodeInfo;

import java.util.List;

/**
 * How one overlay datapath is programmed on a node: the tunnel device it makes, and the route, neighbor and FDB
 * entries that send a peer's pod CIDR to that peer. Implementations are ServiceLoader services, one per datapath
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

    /** Commands that create and raise the tunnel device on {@code node}. */
    List<List<String>> device(NodeInfo node, String underlayDevice);

    /** Commands (idempotent: replace, not add) that make {@code node} send {@code peer}'s pods into the tunnel. */
    List<List<String>> peer(VtepLease peer);

    /** Commands that forget {@code peer} (its route, neighbor and FDB entries). */
    List<List<String>> forget(VtepLease peer);
}
