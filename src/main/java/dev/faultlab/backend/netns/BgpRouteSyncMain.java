package dev.faultlab.backend.netns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * kube-router's routing half, next to a real gobgpd in a node's namespace: announces the node's pod CIDR through
 * GoBGP's API, then follows {@code gobgp monitor global rib} and installs every learned pod route into the kernel
 * with {@code proto 17} as kube-router does (GoBGP itself never touches the kernel), deleting it on withdrawal.
 * It exits when gobgpd goes away, and never removes routes on exit: a dead kube-router leaves its node's routes.
 *
 * <p>Arguments: node name, own pod CIDR, file listing installed routes (the lab waits on it at bring-up).
 */
public final class BgpRouteSyncMain {
    static final String KUBE_ROUTER_PROTO = "17";
    private static final long API_WAIT_MILLIS = 15_000;

    private final String ownCidr;
    private final Path routesFile;
    private final TreeMap<String, String> installed = new TreeMap<>();

    private BgpRouteSyncMain(String ownCidr, Path routesFile) {
        this.ownCidr = ownCidr;
        this.routesFile = routesFile;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: BgpRouteSyncMain NODE POD_CIDR ROUTES_FILE");
        }
        announce(args[1]);
        System.out.println("route-sync " + args[0] + ": announced " + args[1]);
        System.exit(new BgpRouteSyncMain(args[1], Path.of(args[2])).follow());
    }

    /** Adds the pod CIDR to GoBGP's global RIB, retrying while gobgpd's API is still coming up. */
    private static void announce(String cidr) throws InterruptedException {
        long deadline = System.nanoTime() + API_WAIT_MILLIS * 1_000_000;
        while (true) {
            var result = Commands.run(List.of("gobgp", "global", "rib", "add", cidr, "-a", "ipv4"));
            if (result.ok()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gobgpd API did not come up: " + result.stderr().strip());
            }
            Thread.sleep(30);
        }
    }

    private int follow() throws IOException, InterruptedException {
        writeInstalled();
        Process monitor = new ProcessBuilder("gobgp", "monitor", "global", "rib", "--current", "-j")
                .redirectErrorStream(true).start();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.startsWith("[")) {
                    System.out.println("route-sync: " + line);
                    continue;
                }
                for (JsonNode path : json.readTree(line)) {
                    apply(path);
                }
                writeInstalled();
            }
        }
        int exit = monitor.waitFor();
        System.out.println("route-sync: gobgp monitor ended (exit " + exit + "): gobgpd is gone");
        return 1;
    }

    private void apply(JsonNode path) {
        String prefix = path.path("nlri").path("prefix").asText();
        String nexthop = "";
        for (JsonNode attr : path.path("attrs")) {
            if (attr.path("type").asInt() == 3) {
                nexthop = attr.path("nexthop").asText();
            }
        }
        if (prefix.equals(ownCidr) || nexthop.isEmpty() || nexthop.equals("0.0.0.0")) {
            return;
        }
        if (path.path("withdrawal").asBoolean(false)) {
            Commands.run(List.of("ip", "route", "del", prefix, "proto", KUBE_ROUTER_PROTO));
            installed.remove(prefix);
            System.out.println("route-sync: withdrawn " + prefix);
        } else {
            Commands.run(List.of("ip", "route", "replace", prefix, "via", nexthop, "proto", KUBE_ROUTER_PROTO))
                    .orThrow();
            installed.put(prefix, nexthop);
            System.out.println("route-sync: " + prefix + " via " + nexthop);
        }
    }

    private void writeInstalled() throws IOException {
        AtomicFiles.write(routesFile, installed.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")));
    }
}
