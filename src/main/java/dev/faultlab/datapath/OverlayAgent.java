package dev.faultlab.datapath;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.topology.NodeInfo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flannel-style agent of one overlay node: on start it creates its tunnel device when missing (as flanneld does
 * after a reboot, with a fresh MAC), registers a lease with the device's current MAC and programs every peer lease;
 * while it runs it applies peers' new leases. Stopped, killed or hung
 * it applies nothing, and the entries it programmed stay in the kernel, which is how a rebooted peer's new MAC is
 * missed in the field. There is no daemon process to signal: the agent's work is its exec'd commands.
 * The netns backend's counterpart is {@code FlannelAgentMain}, a detachable process with a file lease table; both
 * program what their {@link OverlayProgram} says and publish {@link VtepLease}s.
 */
public final class OverlayAgent implements NodeAgent {
    private final NodeInfo node;
    private final NodeShell shell;
    private final OverlayProgram program;
    private final OverlayControlPlane controlPlane;
    private final String underlayDevice;
    private final Map<String, VtepLease> known = new LinkedHashMap<>();
    private boolean running;
    private VtepLease lease;

    OverlayAgent(NodeInfo node, NodeShell shell, OverlayProgram program, OverlayControlPlane controlPlane,
                 String underlayDevice) {
        this.node = node;
        this.shell = shell;
        this.program = program;
        this.controlPlane = controlPlane;
        this.underlayDevice = underlayDevice;
    }

    @Override
    public String kind() {
        return program.agentKind();
    }

    @Override
    public String node() {
        return node.name();
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    /**
     * Creates the device when it is missing, registers this node's lease with the device's current MAC, then
     * programs the peer leases (all of them afresh when the device was recreated, as it lost its neighbor and FDB
     * entries and routes).
     */
    @Override
    public void start() {
        boolean recreated = !shell.exec(List.of("ip", "link", "show", "dev", program.device()),
                Duration.ofSeconds(10)).ok();
        if (recreated) {
            shell.runAll(program.device(node, underlayDevice));
        }
        String mac = shell.run("cat", "/sys/class/net/" + program.device() + "/address").stdout().strip();
        VtepLease current = new VtepLease(node.name(), node.podCidr(), mac, node.underlayIp());
        synchronized (this) {
            lease = current;
            running = true;
            if (recreated) {
                known.clear();
            }
        }
        controlPlane.publish(current);
        controlPlane.leases().stream().filter(l -> !l.node().equals(node.name())).forEach(this::apply);
    }

    @Override
    public synchronized void stop() {
        running = false;
    }

    @Override
    public void kill() {
        stop();
    }

    @Override
    public void pause() {
        stop();
    }

    @Override
    public void resume() {
        start();
    }

    synchronized VtepLease lease() {
        return lease;
    }

    /** Programs a peer's lease when this agent runs; a changed MAC retires the old FDB entry first. */
    synchronized void apply(VtepLease peer) {
        if (!running || peer.equals(known.get(peer.node()))) {
            return;
        }
        VtepLease old = known.get(peer.node());
        if (old != null && !old.vtepMac().equals(peer.vtepMac())) {
            program.retire(old).forEach(argv -> shell.exec(argv, Duration.ofSeconds(10)));
        }
        shell.runAll(program.peer(peer));
        known.put(peer.node(), peer);
    }

    @Override
    public synchronized String stateJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode state = json.createObjectNode().put("kind", kind()).put("running", running);
        ArrayNode leases = state.putArray("leases");
        if (lease != null) {
            leases.add(json.valueToTree(lease));
        }
        known.values().forEach(l -> leases.add(json.valueToTree(l)));
        return state.toString();
    }
}
