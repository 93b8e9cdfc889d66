package dev.faultlab.backend.netns;

import dev.faultlab.backend.ExecResult;
import dev.faultlab.backend.LabException;

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
 * inside a node's namespace. At start it makes sure flannel.1 exists (creating it, with a fresh random MAC, when
 * a "reboot" deleted it) and publishes its lease; then it reconciles (on every change of the lease directory) each peer's lease into PERMANENT neighbor,
 * FDB and onlink route entries whenever a lease changes. A stopped agent updates nothing: that is how the
 * flannel MAC-change incident (peers keeping the old MAC) is reproduced.
 *
 * <p>Arguments: lease directory, synced directory, node name, pod subnet prefix (10.244.i), underlay IP.
 */
public final class FlannelAgentMain {
    static final String DEVICE = "flannel.1";
    static final int MTU = 1450;
    private static final Pattern MAC = Pattern.compile("link/ether ([0-9a-f:]{17})");
    private static final long RECHECK_MILLIS = 1000;

    private final LeaseTable leases;
    private final Path synced;
    private final FlannelLease self;
    private final Map<String, FlannelLease> applied = new HashMap<>();

    private FlannelAgentMain(LeaseTable leases, Path synced, FlannelLease self) {
        this.leases = leases;
        this.synced = synced;
        this.self = self;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: FlannelAgentMain LEASE_DIR SYNCED_DIR NODE POD_NET UNDERLAY_IP");
        }
        String podNet = args[3];
        String mac = ensureDevice(podNet, args[4]);
        FlannelLease self = new FlannelLease(args[2], podNet + ".0/24", mac, args[4]);
        LeaseTable table = new LeaseTable(Path.of(args[0]));
        table.publish(self);
        System.out.println("flanneld " + self.node() + ": lease " + self.podCidr() + " vtep " + mac);
        new FlannelAgentMain(table, Path.of(args[1]), self).run();
    }

    /** Returns flannel.1's MAC, creating the device first when it does not exist (new random MAC). */
    private static String ensureDevice(String podNet, String underlayIp) {
        ExecResult link = Commands.run(List.of("ip", "-o", "link", "show", "dev", DEVICE));
        if (!link.ok()) {
            IpBatch.ip()
                    .add("link", "add", DEVICE, "type", "vxlan", "id", "1", "dstport", "8472", "nolearning",
                            "local", underlayIp, "dev", "eth0")
                    .add("link", "set", DEVICE, "mtu", Integer.toString(MTU), "up")
                    .add("addr", "add", podNet + ".0/32", "dev", DEVICE)
                    .run(null);
            link = Commands.run(List.of("ip", "-o", "link", "show", "dev", DEVICE)).orThrow();
        }
        Matcher m = MAC.matcher(link.stdout());
        if (!m.find()) {
            throw new LabException(DEVICE + " has no MAC address: " + link.stdout());
        }
        return m.group(1);
    }

    /** Reconciles now and whenever the lease directory changes (inotify), re-checking at least every second. */
    private void run() throws InterruptedException, IOException {
        writeSynced();
        WatchService watch = FileSystems.getDefault().newWatchService();
        leases.dir().register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        while (true) {
            Map<String, FlannelLease> changed = leases.all().stream()
                    .filter(l -> !l.node().equals(self.node()))
                    .filter(l -> !l.equals(applied.get(l.node())))
                    .collect(Collectors.toMap(FlannelLease::node, l -> l));
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

    private void program(Iterable<FlannelLease> changed) {
        IpBatch ip = IpBatch.ip();
        IpBatch bridge = IpBatch.bridge().forcing();
        for (FlannelLease lease : changed) {
            FlannelLease old = applied.get(lease.node());
            if (old != null && !old.vtepMac().equals(lease.vtepMac())) {
                bridge.add("fdb", "del", old.vtepMac(), "dev", DEVICE, "self");
            }
            ip.add("neigh", "replace", lease.gateway(), "lladdr", lease.vtepMac(), "dev", DEVICE, "nud", "permanent");
            ip.add("route", "replace", lease.podCidr(), "via", lease.gateway(), "dev", DEVICE, "onlink");
            bridge.add("fdb", "replace", lease.vtepMac(), "dev", DEVICE, "dst", lease.underlayIp(), "self",
                    "permanent");
        }
        // FDB first: once the neighbor entry names the new MAC, frames to it must already know the VTEP
        bridge.run(null);
        ip.run(null);
    }

    /** Tells the lab which peer leases are programmed (the lab waits for this at bring-up). */
    private void writeSynced() throws IOException {
        AtomicFiles.write(synced.resolve(self.node()), new TreeMap<>(applied).values().stream()
                .map(l -> l.node() + " " + l.vtepMac()).collect(Collectors.joining("\n", "", "\n")));
    }
}
