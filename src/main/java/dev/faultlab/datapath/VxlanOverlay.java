package dev.faultlab.datapath;

import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.NodeInfo;

import java.util.List;
import java.util.Optional;

/** An overlay datapath carried by a {@link VxlanTunnel}; subclasses only say which datapath and which tunnel. */
abstract class VxlanOverlay implements OverlayProgram {
    private final Datapath datapath;
    private final String agentKind;
    private final VxlanTunnel tunnel;

    VxlanOverlay(Datapath datapath, String agentKind, VxlanTunnel tunnel) {
        this.datapath = datapath;
        this.agentKind = agentKind;
        this.tunnel = tunnel;
    }

    @Override
    public String agentKind() {
        return agentKind;
    }

    @Override
    public Datapath datapath() {
        return datapath;
    }

    @Override
    public String device() {
        return tunnel.name();
    }

    @Override
    public int podMtu() {
        return tunnel.mtu();
    }

    @Override
    public List<List<String>> device(NodeInfo node, String underlayDevice, Optional<String> mac) {
        return tunnel.create(node, underlayDevice, mac);
    }

    @Override
    public List<List<String>> raise(NodeInfo node) {
        return tunnel.raise(node);
    }

    @Override
    public List<List<String>> peer(VtepLease peer) {
        return tunnel.peer(peer);
    }

    @Override
    public List<String> route(VtepLease peer) {
        return tunnel.route(peer);
    }

    @Override
    public List<List<String>> retire(VtepLease old) {
        return tunnel.retire(old);
    }
}
