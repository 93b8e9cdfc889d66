package dev.faultlab.backend.netns;

import dev.faultlab.LabException;
import dev.faultlab.datapath.AgentThread;
import dev.faultlab.datapath.AtomicFiles;
import dev.faultlab.datapath.DirectoryChanges;
import dev.faultlab.datapath.FlannelVxlanProgram;
import dev.faultlab.datapath.HostedAgent;
import dev.faultlab.datapath.IpBatch;
import dev.faultlab.datapath.OverlayProgram;
import dev.faultlab.datapath.VtepLease;
import dev.faultlab.linux.DeviceIoctls;
import dev.faultlab.topology.NodeInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The in-lab flannel agent (flanneld's VXLAN backend, reduced to what the incidents need), a thread of the lab's
 * agent host joined to its node's namespace, so a lab left up by {@code faultlab lab up} keeps it after the JVM
 * exits. At start it makes sure flannel.1 exists (creating it, with a fresh random MAC, when a "reboot" deleted it)
 * and publishes its lease; then, on every change of the lease directory, it programs each changed peer lease.
 * Which commands that takes is not known here: they are {@link FlannelVxlanProgram}'s, the same plans the
 * container backends' agent runs, batched through {@code ip -batch}. A stopped agent updates nothing: that is how
 * the flannel MAC-change incident (peers keeping the old MAC) is reproduced.
 *
 * <p>Arguments: lease directory, synced directory, node name, pod subnet prefix (10.244.i), underlay IP.
 */
final class FlannelAgentMain implements HostedAgent {
    static final OverlayProgram PROGRAM = new FlannelVxlanProgram();
    private static final long RECHECK_MILLIS = 1000;
    /**
     * After a change, wait this long for the next one before programming: at bring-up every agent publishes its
     * lease within a second or two, and programming once per burst rather than once per lease keeps a 100-node lab
     * at a few forks per agent instead of a few hundred.
     */
    private static final long SETTLE_MILLIS = 100;
    private static final long MAX_SETTLE_MILLIS = 1000;

    private final List<String> args;
    private final Map<String, VtepLease> applied = new HashMap<>();

    FlannelAgentMain(List<String> args) {
        if (args.size() != 5) {
            throw new IllegalArgumentException("flannel agent needs LEASE_DIR SYNCED_DIR NODE POD_NET UNDERLAY_IP, got "
                    + args);
        }
        this.args = List.copyOf(args);
    }

    @Override
    public void run(AgentThread agent) throws IOException, InterruptedException {
        NodeInfo node = new NodeInfo(args.get(2), args.get(4), args.get(3) + ".0/24", PROGRAM.device());
        LeaseTable leases = new LeaseTable(Path.of(args.get(0)));
        DirectoryChanges changes = agent.changes(leases.dir());
        String mac = ensureDevice(agent, node);
        VtepLease self = new VtepLease(node.name(), node.podCidr(), mac, node.underlayIp());
        agent.checkpoint();
        leases.publish(self);
        agent.log().println("flanneld " + self.node() + ": lease " + self.podCidr() + " vtep " + mac);
        Path synced = Path.of(args.get(1));
        writeSynced(synced, self);
        // the lab starts every agent at once: let the others publish before the first round
        settle(changes, changes.generation());
        long seen = -1;
        while (true) {
            agent.checkpoint();
            long now = changes.generation();
            if (now != seen) {
                seen = now;
                reconcile(agent, leases, synced, self);
            }
            long next = changes.awaitAfter(seen, RECHECK_MILLIS);
            if (next == seen) {
                seen = -1; // the periodic re-check, as flanneld's
            } else {
                settle(changes, next);
            }
        }
    }

    /** Waits until the lease directory was quiet for a moment (bounded), so a burst of leases is one round. */
    private static void settle(DirectoryChanges changes, long from) throws InterruptedException {
        long until = System.currentTimeMillis() + MAX_SETTLE_MILLIS;
        long count = from;
        long next;
        while ((next = changes.awaitAfter(count, SETTLE_MILLIS)) != count && System.currentTimeMillis() < until) {
            count = next;
        }
    }

    private void reconcile(AgentThread agent, LeaseTable leases, Path synced, VtepLease self) throws IOException {
        Map<String, VtepLease> changed = leases.all().stream()
                .filter(l -> !l.node().equals(self.node()))
                .filter(l -> !l.equals(applied.get(l.node())))
                .collect(Collectors.toMap(VtepLease::node, l -> l));
        if (changed.isEmpty()) {
            return;
        }
        agent.checkpoint();
        program(changed.values());
        changed.values().forEach(l -> {
            agent.log().println("flanneld " + self.node() + ": " + l.node() + " " + l.podCidr() + " -> vtep "
                    + l.vtepMac() + " at " + l.underlayIp());
            applied.put(l.node(), l);
        });
        writeSynced(synced, self);
    }

    /**
     * Returns flannel.1's MAC (read by ioctl, no fork), creating the device first when it does not exist: the lab
     * creates it at bring-up, a "reboot" deletes it, and the agent then recreates it with a new random MAC.
     */
    private static String ensureDevice(AgentThread agent, NodeInfo node) {
        agent.checkpoint();
        Optional<String> mac = DeviceIoctls.macAddress(PROGRAM.device());
        if (mac.isEmpty()) {
            IpBatch ip = IpBatch.ip();
            IpBatch.split(PROGRAM.device(node, "eth0"), ip, IpBatch.bridge());
            ip.run(null);
            mac = DeviceIoctls.macAddress(PROGRAM.device());
        }
        return mac.orElseThrow(() -> new LabException(PROGRAM.device() + " on " + node.name()
                + " was created but has no MAC address"));
    }

    private void program(Iterable<VtepLease> changed) {
        IpBatch ip = IpBatch.ip();
        IpBatch bridge = IpBatch.bridge().forcing();
        for (VtepLease lease : changed) {
            VtepLease old = applied.get(lease.node());
            if (old != null && !old.vtepMac().equals(lease.vtepMac())) {
                IpBatch.split(PROGRAM.retire(old), ip, bridge);
            }
            IpBatch.split(PROGRAM.peer(lease), ip, bridge);
        }
        // the program puts FDB before neighbor entries; all FDB entries are in the bridge batch, so it runs first
        bridge.run(null);
        ip.run(null);
    }

    /** Tells the lab which peer leases are programmed (the lab waits for this at bring-up). */
    private void writeSynced(Path synced, VtepLease self) throws IOException {
        AtomicFiles.write(synced.resolve(self.node()), new TreeMap<>(applied).values().stream()
                .map(l -> l.node() + " " + l.vtepMac()).collect(Collectors.joining("\n", "", "\n")));
    }
}
