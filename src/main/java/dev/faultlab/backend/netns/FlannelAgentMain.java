package dev.faultlab.backend.netns;

import dev.faultlab.datapath.AtomicFiles;
import dev.faultlab.datapath.Commands;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.LabException;
import dev.faultlab.datapath.FlannelVxlanProgram;
import dev.faultlab.datapath.OverlayProgram;
import dev.faultlab.datapath.VtepLease;
import dev.faultlab.topology.NodeInfo;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The in-lab flannel agent (flanneld's VXLAN backend, reduced to what the incidents need), run as its own process
 * inside a node's namespace so a lab left up by {@code faultlab lab up} keeps it after the JVM exits. At start it
 * makes sure flannel.1 exists (creating it, with a fresh random MAC, when a "reboot" deleted it) and publishes its
 * lease; then, on every change of the lease directory, it programs each changed peer lease. Which commands that
 * takes is not known here: they are {@link FlannelVxlanProgram}'s, the same plans the container backends' agent
 * runs, batched through {@code ip -batch}. A stopped agent updates nothing: that is how the flannel MAC-change
 * incident (peers keeping the old MAC) is reproduced.
 *
 * <p>Arguments: lease directory, synced directory, node name, pod subnet prefix (10.244.i), underlay IP.
 */
public final class FlannelAgentMain {
    static final OverlayProgram PROGRAM = new FlannelVxlanProgram();
    private static final Pattern MAC = Pattern.compile("link/ether ([0-9a-f:]{17})");
    private static final long RECHECK_MILLIS = 1000;

    private final LeaseTable leases;
    private final Path synced;
    private final VtepLease self;
    private final Map<String, VtepLease> applied = new HashMap<>();

    private FlannelAgentMain(LeaseTable leases, Path synced, VtepLease self) {
        this.leases = leases;
        this.synced = synced;
        this.self = self;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: FlannelAgentMain LEASE_DIR SYNCED_DIR NODE POD_NET UNDERLAY_IP");
        }
        NodeInfo node = new NodeInfo(args[2], args[4], args[3] + ".0/24", PROGRAM.device());
        String mac = ensureDevice(node);
        VtepLease self = new VtepLease(node.name(), node.podCidr(), mac, node.underlayIp());
        LeaseTable table = new LeaseTable(Path.of(args[0]));
        table.publish(self);
        System.out.println("flanneld " + self.node() + ": lease " + self.podCidr() + " vtep " + mac);
        new FlannelAgentMain(table, Path.of(args[1]), self).run();
    }

    /** Returns flannel.1's MAC, creating the device first when it does not exist (new random MAC). */
    private static String ensureDevice(NodeInfo node) {
        List<String> show = List.of("ip", "-o", "link", "show", "dev", PROGRAM.device());
        ExecResult link = Commands.run(show);
        if (!link.ok()) {
            IpBatch ip = IpBatch.ip();
            IpBatch.split(PROGRAM.device(node, "eth0"), ip, IpBatch.bridge());
            ip.run(null);
            link = Commands.run(show).orThrow();
        }
        Matcher m = MAC.matcher(link.stdout());
        if (!m.find()) {
            throw new LabException(PROGRAM.device() + " has no MAC address: " + link.stdout());
        }
        return m.group(1);
    }

    /** Reconciles now and whenever the lease directory changes (inotify), re-checking at least every second. */
    private void run() throws InterruptedException, IOException {
        writeSynced();
        WatchService watch = FileSystems.getDefault().newWatchService();
        leases.dir().register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        while (true) {
            Map<String, VtepLease> changed = leases.all().stream()
                    .filter(l -> !l.node().equals(self.node()))
                    .filter(l -> !l.equals(applied.get(l.node())))
                    .collect(Collectors.toMap(VtepLease::node, l -> l));
            if (!changed.isEmpty()) {
                program(changed.values());
                changed.values().forEach(l -> {
                    System.out.println("flanneld " + self.node() + ": " + l.node() + " " + l.podCidr() + " -> vtep "
                            + l.vtepMac() + " at " + l.underlayIp());
                    applied.put(l.node(), l);
                });
                writeSynced();
            }
            WatchKey key = watch.poll(RECHECK_MILLIS, TimeUnit.MILLISECONDS);
            if (key != null) {
                key.pollEvents();
                key.reset();
            }
        }
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
    private void writeSynced() throws IOException {
        AtomicFiles.write(synced.resolve(self.node()), new TreeMap<>(applied).values().stream()
                .map(l -> l.node() + " " + l.vtepMac()).collect(Collectors.joining("\n", "", "\n")));
    }
}
